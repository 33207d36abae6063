package armid.osim;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Parses an XML document into {@link XmlElement}s that remember their line and column. */
public final class XmlParser {
    private XmlParser() {
    }

    public static XmlElement parse(InputStream in, String file) throws OsimException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(false);
        Handler handler = new Handler();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(in, handler);
        } catch (SAXParseException e) {
            throw new OsimException(file + ":" + e.getLineNumber() + ":" + e.getColumnNumber()
                    + ": malformed XML: " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new OsimException(file + ": cannot parse XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OsimException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (handler.root == null) {
            throw new OsimException(file + ": empty XML document");
        }
        return handler.root;
    }

    private static final class Handler extends DefaultHandler {
        private Locator locator;
        private final Deque<XmlElement> stack = new ArrayDeque<>();
        private XmlElement root;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                attrs.put(attributes.getQName(i), attributes.getValue(i));
            }
            int line = locator == null ? -1 : locator.getLineNumber();
            int col = locator == null ? -1 : locator.getColumnNumber();
            XmlElement e = new XmlElement(qName, attrs, line, col);
            if (stack.isEmpty()) {
                root = e;
            } else {
                stack.peek().addChild(e);
            }
            stack.push(e);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            stack.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!stack.isEmpty()) {
                stack.peek().appendText(ch, start, length);
            }
        }
    }
}
