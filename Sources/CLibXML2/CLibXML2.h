// libxml2 for Swift. Debian builds libxml2 with ICU; a Swift module that sees both Foundation and
// libxml2's ICU types fails a clean build ("'UErrorCode' has different definitions"), so the ICU
// part of the headers is switched off before anything else is included. Never touch
// xmlCharEncodingHandler's fields from Swift: without ICU its layout differs.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
