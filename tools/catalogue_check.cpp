// Build-time check of the catalogue: parses the files exactly as the plugin
// will and fails the build with one line per problem, naming file, line and entry.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "catalogue_parser.h"
#include "catalogue_reference.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::cerr << "usage: sipcat-catalogue-check FILE.cat... [--stamp FILE] [--markdown FILE]\n";
        return 2;
    }
    std::vector<std::string> contents;
    std::vector<std::string> names;
    std::string stamp, markdown;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--stamp" && i + 1 < argc) {
            stamp = argv[++i];
            continue;
        }
        if (arg == "--markdown" && i + 1 < argc) {
            markdown = argv[++i];
            continue;
        }
        std::ifstream in(arg, std::ios::binary);
        if (!in) {
            std::cerr << arg << ": cannot read\n";
            return 1;
        }
        std::ostringstream ss;
        ss << in.rdbuf();
        contents.push_back(ss.str());
        names.push_back(arg);
    }
    std::vector<sipcat::SourceFile> files;
    for (size_t i = 0; i < contents.size(); ++i)
        files.push_back(sipcat::SourceFile{names[i], contents[i]});
    const sipcat::ParseResult r = sipcat::parse_catalogue(files);
    for (const sipcat::CatalogueError &e : r.errors)
        std::cerr << e.str() << "\n";
    if (!r.ok()) {
        std::cerr << "catalogue check failed: " << r.errors.size() << " problem(s)\n";
        return 1;
    }
    if (!stamp.empty()) {
        std::ofstream out(stamp);
        out << r.catalogue->entries().size() << " entries\n";
    }
    if (!markdown.empty()) {
        std::ofstream out(markdown, std::ios::binary);
        out << sipcat::render_reference_markdown(*r.catalogue);
        if (!out) {
            std::cerr << markdown << ": cannot write\n";
            return 1;
        }
    }
    return 0;
}
