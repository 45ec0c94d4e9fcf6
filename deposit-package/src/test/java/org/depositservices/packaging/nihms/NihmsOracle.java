package org.depositservices.packaging.nihms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.depositservices.packaging.CollectingErrorHandler;
import org.depositservices.testkit.Corpus;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The independent oracles for a NIHMS package: the 2022 bulk submission DTD from the corpus (a DOCTYPE is added for
 * validation and resolved to the local file; any other entity is refused, so the network is never reached), and a
 * strict parser of manifest.txt written from the format's description, not from the code under test.
 */
public final class NihmsOracle {

    public static final String DTD = "nihms-bulksub-2022.dtd";

    /** Reads nothing yet: a test class may hold an oracle while the corpus is missing, and only its validations skip. */
    public NihmsOracle() {
    }

    /** Every DTD validity error of bulk_meta.xml (which must not carry a DOCTYPE itself); empty when valid. */
    public List<String> errors(byte[] bulkMeta) {
        Path dtd = Corpus.resolve("nihms/" + DTD); // first: a missing corpus skips, it is no DTD error
        String xml = new String(bulkMeta, StandardCharsets.UTF_8);
        if (xml.contains("<!DOCTYPE")) {
            return List.of("bulk_meta.xml carries its own DOCTYPE");
        }
        String root = "<manuscript-submit";
        int at = xml.indexOf(root);
        if (at < 0) {
            return List.of("no manuscript-submit root element");
        }
        String withDoctype = xml.substring(0, at) + "<!DOCTYPE manuscript-submit SYSTEM \"" + DTD + "\">\n"
                + xml.substring(at);
        List<String> errors = new ArrayList<>();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setValidating(true);
            f.setNamespaceAware(false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "file");
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> {
                if (systemId != null && systemId.endsWith("/" + DTD) || DTD.equals(systemId)) {
                    InputSource in = new InputSource(Files.newInputStream(dtd));
                    in.setSystemId(dtd.toUri().toString());
                    return in;
                }
                throw new IOException("refusing to resolve " + systemId + ": tests never reach the network");
            });
            b.setErrorHandler(new CollectingErrorHandler(errors));
            InputSource src = new InputSource(new ByteArrayInputStream(withDoctype.getBytes(StandardCharsets.UTF_8)));
            src.setSystemId(dtd.getParent().toUri().toString() + "bulk_meta.xml");
            b.parse(src);
        } catch (SAXParseException e) {
            // recorded by the handler
        } catch (Exception e) {
            errors.add(e.toString());
        }
        return errors;
    }

    /** Parses bulk_meta.xml (no DOCTYPE, no entities). */
    public static Document parse(byte[] xml) {
        try (InputStream in = new ByteArrayInputStream(xml)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new AssertionError("bulk_meta.xml is not well-formed: " + e, e);
        }
    }

    /** A manifest line as read back. */
    public record Line(String type, String label, String fileName) {
    }

    /**
     * Reads manifest.txt strictly: UTF-8, LF line ends, exactly three TAB-separated fields per line, a known type,
     * the bulk_meta.xml line first and only once, a label for every figure/table/supplement, labels unique per type,
     * file names unique.
     *
     * @throws AssertionError describing the first violation
     */
    public static List<Line> parseManifest(byte[] manifest) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(manifest)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError("manifest.txt is not UTF-8: " + e);
        }
        if (text.contains("\r")) {
            throw new AssertionError("manifest.txt is not clean UTF-8 with LF line ends");
        }
        if (!text.endsWith("\n")) {
            throw new AssertionError("manifest.txt does not end with a line break");
        }
        List<Line> lines = new ArrayList<>();
        List<String> types = List.of("bulksub_meta_xml", "manuscript", "supplement", "figure", "table");
        java.util.Set<String> labels = new java.util.HashSet<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        int n = 0;
        for (String raw : text.substring(0, text.length() - 1).split("\n", -1)) {
            n++;
            String[] f = raw.split("\t", -1);
            if (f.length != 3) {
                throw new AssertionError("line " + n + " has " + f.length + " fields: '" + raw + "'");
            }
            if (!types.contains(f[0])) {
                throw new AssertionError("line " + n + " has unknown type '" + f[0] + "'");
            }
            if ((n == 1) != f[0].equals("bulksub_meta_xml")) {
                throw new AssertionError("the bulksub_meta_xml line must be first and only once (line " + n + ")");
            }
            if (List.of("supplement", "figure", "table").contains(f[0]) && f[1].isBlank()) {
                throw new AssertionError("line " + n + ": a " + f[0] + " needs a label");
            }
            if (!f[1].isEmpty() && !labels.add(f[0] + "\t" + f[1])) {
                throw new AssertionError("line " + n + ": label '" + f[1] + "' is used twice for " + f[0]);
            }
            if (f[2].isBlank() || !names.add(f[2])) {
                throw new AssertionError("line " + n + ": file name '" + f[2] + "' is empty or listed twice");
            }
            lines.add(new Line(f[0], f[1], f[2]));
        }
        return lines;
    }
}
