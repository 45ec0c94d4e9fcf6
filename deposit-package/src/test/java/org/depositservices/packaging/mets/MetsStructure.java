package org.depositservices.packaging.mets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The rules of a DSpace METS SIP that the XML Schema cannot check, written from the profile and from what DSpace's
 * ingester reads: dmdSecs come before the fileSec; the first div of the first structMap names every dmdSec in
 * DMDID; each dmdSec has its own GROUPID; every file has an fptr and every fptr a file; every ID is an NCName;
 * SIZE and CHECKSUM equal the real bytes.
 */
public final class MetsStructure {

    private static final String METS = DspaceMetsWriter.METS_NS;
    private static final String XLINK = DspaceMetsWriter.XLINK_NS;
    private static final Pattern NCNAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}._\\-]*");

    /** What mets.xml says about one file. */
    public record ListedFile(String id, String path, long size, String md5, String mimeType) {
    }

    private MetsStructure() {
    }

    /** The files of the CONTENT fileGrp, by their (decoded) path in the package. */
    public static Map<String, ListedFile> files(Document doc) {
        Map<String, ListedFile> out = new LinkedHashMap<>();
        for (Element f : elements(doc, "file")) {
            Element loc = (Element) f.getElementsByTagNameNS(METS, "FLocat").item(0);
            String path = decode(loc.getAttributeNS(XLINK, "href"));
            out.put(path, new ListedFile(f.getAttribute("ID"), path, Long.parseLong(f.getAttribute("SIZE")),
                    f.getAttribute("CHECKSUM"), f.getAttribute("MIMETYPE")));
        }
        return out;
    }

    /** Every broken rule; empty when all hold. {@code contents} maps each package path to its real bytes. */
    public static List<String> problems(Document doc, Map<String, byte[]> contents) {
        List<String> p = new ArrayList<>();
        Element root = doc.getDocumentElement();
        if (!"DSpace METS SIP Profile 1.0".equals(root.getAttribute("PROFILE"))) {
            p.add("PROFILE is '" + root.getAttribute("PROFILE") + "'");
        }
        // order of the top-level sections
        int lastDmd = -1;
        int fileSec = -1;
        int i = 0;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if ("dmdSec".equals(e.getLocalName())) {
                    lastDmd = i;
                } else if ("fileSec".equals(e.getLocalName()) && fileSec < 0) {
                    fileSec = i;
                }
                i++;
            }
        }
        if (lastDmd < 0) {
            p.add("no dmdSec");
        }
        if (fileSec >= 0 && lastDmd > fileSec) {
            p.add("a dmdSec comes after the fileSec");
        }
        // ids
        Set<String> ids = new LinkedHashSet<>();
        for (Element e : elements(doc, "*")) {
            if (e.hasAttribute("ID")) {
                String id = e.getAttribute("ID");
                if (!NCNAME.matcher(id).matches()) {
                    p.add("ID '" + id + "' is not an NCName");
                }
                if (!ids.add(id)) {
                    p.add("ID '" + id + "' is used twice");
                }
            }
        }
        // dmdSecs and the first div
        List<String> dmdIds = new ArrayList<>();
        Set<String> groups = new LinkedHashSet<>();
        for (Element d : elements(doc, "dmdSec")) {
            dmdIds.add(d.getAttribute("ID"));
            if (!d.hasAttribute("GROUPID") || !groups.add(d.getAttribute("GROUPID"))) {
                p.add("dmdSec " + d.getAttribute("ID") + " lacks its own GROUPID");
            }
        }
        List<Element> maps = elements(doc, "structMap");
        if (maps.isEmpty()) {
            p.add("no structMap");
        } else {
            Element firstDiv = firstChild(maps.get(0), "div");
            if (firstDiv == null) {
                p.add("structMap has no div");
            } else {
                List<String> dmdid = Arrays.asList(firstDiv.getAttribute("DMDID").trim().split("\\s+"));
                if (!dmdid.equals(dmdIds)) {
                    p.add("first div DMDID " + dmdid + " does not name the dmdSecs " + dmdIds);
                }
            }
        }
        // files and fptrs
        Set<String> fileIds = new LinkedHashSet<>();
        for (Element f : elements(doc, "file")) {
            fileIds.add(f.getAttribute("ID"));
            if (!"MD5".equals(f.getAttribute("CHECKSUMTYPE"))) {
                p.add("file " + f.getAttribute("ID") + " CHECKSUMTYPE is not MD5");
            }
            Element loc = firstChild(f, "FLocat");
            if (loc == null || !"URL".equals(loc.getAttribute("LOCTYPE"))) {
                p.add("file " + f.getAttribute("ID") + " lacks an FLocat LOCTYPE=URL");
            }
        }
        Element grp = elements(doc, "fileGrp").stream().findFirst().orElse(null);
        if (grp == null || !"CONTENT".equals(grp.getAttribute("USE"))) {
            p.add("no fileGrp USE=CONTENT");
        }
        Set<String> pointed = new LinkedHashSet<>();
        for (Element f : elements(doc, "fptr")) {
            if (!fileIds.contains(f.getAttribute("FILEID"))) {
                p.add("fptr points to unknown file " + f.getAttribute("FILEID"));
            }
            pointed.add(f.getAttribute("FILEID"));
        }
        if (!pointed.equals(fileIds)) {
            p.add("files without an fptr: " + diff(fileIds, pointed));
        }
        // the bytes
        Map<String, ListedFile> listed = files(doc);
        for (Map.Entry<String, byte[]> c : contents.entrySet()) {
            ListedFile f = listed.get(c.getKey());
            if (f == null) {
                p.add("package file '" + c.getKey() + "' is not listed in mets.xml");
                continue;
            }
            if (f.size() != c.getValue().length) {
                p.add("SIZE of '" + c.getKey() + "' is " + f.size() + ", real size " + c.getValue().length);
            }
            if (!md5(c.getValue()).equals(f.md5())) {
                p.add("CHECKSUM of '" + c.getKey() + "' is " + f.md5() + ", real MD5 " + md5(c.getValue()));
            }
        }
        for (String path : listed.keySet()) {
            if (!contents.containsKey(path)) {
                p.add("mets.xml lists '" + path + "', which the package lacks");
            }
        }
        return p;
    }

    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Percent-decodes %XX sequences (UTF-8); everything else is literal, as XLink hrefs are. */
    static String decode(String href) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] raw = href.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length) {
                out.write(Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<Element> elements(Document doc, String localName) {
        NodeList nl = doc.getElementsByTagNameNS(METS, localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    private static Element firstChild(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && METS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new LinkedHashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
