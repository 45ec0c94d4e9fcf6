package org.depositservices.packaging.mets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.depositservices.packaging.CollectingErrorHandler;
import org.depositservices.testkit.Corpus;
import org.w3c.dom.Document;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXParseException;

/**
 * The independent oracle for mets.xml: the METS 1.12.1 XML Schema from the corpus, with its xlink import resolved
 * to the corpus's local xlink.xsd. Nothing is ever fetched from the network: any other resolution is recorded as a
 * failure (and file-only access is enforced by the JAXP access properties as well).
 */
public final class MetsOracle {

    private final List<String> networkAttempts = new ArrayList<>();
    private Schema schema;

    /** Reads nothing yet: a test class may hold an oracle while the corpus is missing, and only its validations skip. */
    public MetsOracle() {
    }

    /** The shared corpus (system property corpus.dir, set by surefire, else ../../shared/corpus). */
    public Path corpus() {
        return Corpus.dir();
    }

    /** The schema, loaded from the corpus at first use. */
    private synchronized Schema schema() {
        if (schema == null) {
            Path corpus = corpus();
            int attemptsBefore = networkAttempts.size();
            Schema loaded;
            try {
                SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                sf.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
                sf.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                sf.setResourceResolver(resolver());
                loaded = sf.newSchema(corpus.resolve("mets/mets-1.12.1.xsd").toFile());
            } catch (Exception e) {
                throw new IllegalStateException("cannot load the METS schema from " + corpus + ": " + e, e);
            }
            // Only this loading's attempts count: a test may have provoked one through resolver() before.
            if (networkAttempts.size() > attemptsBefore) {
                throw new IllegalStateException("schema loading reached for the network: " + networkAttempts);
            }
            schema = loaded;
        }
        return schema;
    }

    /** Every schema error in the document; empty when it is valid. */
    public List<String> errors(byte[] xml) {
        Schema loaded = schema(); // outside the try: a missing corpus skips the test, it is not a schema error
        List<String> errors = new ArrayList<>();
        try {
            Validator v = loaded.newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setResourceResolver(resolver());
            v.setErrorHandler(new CollectingErrorHandler(errors));
            v.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException e) {
            // already recorded by the handler
        } catch (Exception e) {
            errors.add(e.toString());
        }
        if (!networkAttempts.isEmpty()) {
            errors.add("validation reached for the network: " + networkAttempts);
        }
        return errors;
    }

    /** Resolves the xlink import to the local file; records (and refuses) anything else. */
    LSResourceResolver resolver() {
        return (type, namespace, publicId, systemId, baseUri) -> {
            if ("http://www.w3.org/1999/xlink".equals(namespace) && systemId != null && systemId.endsWith("xlink.xsd")) {
                return local(corpus().resolve("mets/xlink.xsd"));
            }
            networkAttempts.add(namespace + " " + systemId);
            throw new IllegalStateException("refusing to resolve " + systemId + " (" + namespace
                    + "): tests never reach the network");
        };
    }

    private static LSInput local(Path file) {
        try {
            DOMImplementationLS ls = (DOMImplementationLS) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .getDOMImplementation();
            LSInput in = ls.createLSInput();
            in.setByteStream(Files.newInputStream(file));
            in.setSystemId(file.toUri().toString());
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a document namespace-aware, with DTDs and external entities off. */
    public static Document parse(byte[] xml) {
        try (InputStream in = new ByteArrayInputStream(xml)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new AssertionError("mets.xml is not well-formed: " + e, e);
        }
    }
}
