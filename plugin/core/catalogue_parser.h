// Reads the catalogue's text format (see catalogue/README.md) and checks it.
// The same code runs at build time, where any error fails the build, and at
// plugin start-up on the embedded copy.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue.h"

namespace sipcat {

struct SourceFile {
    std::string name;
    std::string_view data;
};

struct CatalogueError {
    std::string file;
    int line = 0;
    std::string section;  // "[486]", "[message expert]" or "" for file-level problems
    std::string message;

    std::string str() const;  // "responses.cat:12: [486]: missing remedy.en"
};

struct ParseResult {
    std::unique_ptr<Catalogue> catalogue;  // null when there are errors
    std::vector<CatalogueError> errors;
    bool ok() const { return errors.empty() && catalogue; }
};

ParseResult parse_catalogue(const std::vector<SourceFile> &files);

// Helpers shared with other readers of user text.
bool is_valid_utf8(std::string_view s);
bool is_valid_rfc_reference(std::string_view s);  // "RFC 3261 §21.4.24; RFC 6665"
bool is_valid_lang_tag(std::string_view s);       // "en", "de", "pt-br"
bool is_valid_method_token(std::string_view s);   // "INVITE"

}  // namespace sipcat
