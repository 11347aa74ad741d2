// Reads the catalogue's text format (see catalogue/README.md) and checks it.
// Runs at build time, where any error fails the build and the result is
// compiled into the plugin's tables (catalogue_codegen.h), and in the tests.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue.h"
#include "text_rules.h"

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


}  // namespace sipcat
