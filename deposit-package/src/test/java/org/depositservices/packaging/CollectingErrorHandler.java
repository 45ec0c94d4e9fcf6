package org.depositservices.packaging;

import java.util.List;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** Collects a validating parser's errors as "line:column message" (fatal ones marked), ignoring warnings. */
public final class CollectingErrorHandler implements ErrorHandler {
    private final List<String> errors;

    public CollectingErrorHandler(List<String> errors) {
        this.errors = errors;
    }

    @Override
    public void warning(SAXParseException e) {
    }

    @Override
    public void error(SAXParseException e) {
        errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
    }

    @Override
    public void fatalError(SAXParseException e) {
        errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " FATAL " + e.getMessage());
    }
}
