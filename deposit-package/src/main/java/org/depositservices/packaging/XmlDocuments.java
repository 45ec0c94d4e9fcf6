package org.depositservices.packaging;

import java.io.IOException;
import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The frame the package's XML files (mets.xml, bulk_meta.xml) share: a UTF-8 XML 1.0 document indented by two spaces,
 * written straight to the package's stream, with a failure of that stream reported as the IOException it was.
 */
public final class XmlDocuments {

    /** Opens the root element and writes its content; {@link #write} closes it. */
    public interface Root {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private XmlDocuments() {
    }

    /**
     * Writes one document to {@code out}, which is flushed but not closed.
     *
     * @param name the file's name, for the error message
     */
    public static void write(XMLOutputFactory factory, OutputStream out, String name, Root root) throws IOException {
        try {
            XMLStreamWriter w = factory.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            newline(w, 0);
            root.write(w);
            newline(w, 0);
            w.writeEndElement();
            newline(w, 0);
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof IOException io) {
                throw io;
            }
            throw new IOException("could not write " + name + ": " + e.getMessage(), e);
        }
        out.flush();
    }

    /** A line break and the indentation of {@code depth}. */
    public static void newline(XMLStreamWriter w, int depth) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }
}
