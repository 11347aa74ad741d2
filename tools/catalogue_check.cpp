// Build-time check of the catalogue: parses the files, verifies the basis
// quotes against the RFC texts, and fails the build with one line per problem,
// naming file, line and entry. Then writes what the build needs: the C++
// tables compiled into the plugin (--emit-cpp) and the reference page (--markdown).
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "basis_check.h"
#include "catalogue_codegen.h"
#include "catalogue_parser.h"
#include "catalogue_reference.h"
#include "messages.h"

namespace {

bool read_file(const std::string &path, std::string &text)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
    return true;
}

// Whole or not at all: a build stopped half-way leaves no half-written file.
bool write_file(const std::string &path, const std::string &text)
{
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out) {
            std::cerr << tmp << ": cannot write\n";
            return false;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::cerr << path << ": cannot write\n";
        return false;
    }
    return true;
}

// The number of basis problems (wrong quotes; with `require`, also what has
// none); fills `result` for the reference page.
size_t check_basis_lines(const sipcat::Catalogue &cat, const std::string &rfc_dir, bool require,
                         sipcat::BasisCheckResult &result)
{
    struct stat st {};
    const bool have_rfcs = !rfc_dir.empty() && stat(rfc_dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    if (!have_rfcs)
        std::cout << "RFC folder " << (rfc_dir.empty() ? "(none given)" : rfc_dir)
                  << " not found: basis quotes not verified\n";
    const sipcat::RfcLoader load = [&](unsigned number, std::string &text) {
        return read_file(rfc_dir + "/rfc" + std::to_string(number) + ".txt", text);
    };
    const sipcat::BasisReport basis = sipcat::check_basis(cat, have_rfcs ? load : sipcat::RfcLoader());
    for (const sipcat::CatalogueError &e : basis.errors)
        std::cerr << e.str() << "\n";
    if (require)
        for (const sipcat::CatalogueError &e : basis.missing)
            std::cerr << e.str() << "\n";
    std::cout << basis.summary() << "\n";
    result.checked = have_rfcs;
    result.not_at_hand = basis.rfcs_not_at_hand;
    return basis.errors.size() + (require ? basis.missing.size() : 0);
}

}  // namespace

int main(int argc, char **argv)
{
    if (argc == 2 && std::string(argv[1]) == "--messages-table") {
        std::cout << sipcat::message_table_markdown();
        return 0;
    }
    if (argc < 2) {
        std::cerr << "usage: sipcat-catalogue-check FILE.cat... [--rfc-dir DIR] [--require-basis] [--emit-cpp FILE]"
                     " [--markdown FILE]\n       sipcat-catalogue-check --messages-table\n";
        return 2;
    }
    std::vector<std::string> contents;
    std::vector<std::string> names;
    std::string emit_cpp, markdown, rfc_dir;
    bool require_basis = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--emit-cpp" && i + 1 < argc) {
            emit_cpp = argv[++i];
        } else if (arg == "--rfc-dir" && i + 1 < argc) {
            rfc_dir = argv[++i];
        } else if (arg == "--require-basis") {
            require_basis = true;
        } else if (arg == "--markdown" && i + 1 < argc) {
            markdown = argv[++i];
        } else {
            contents.emplace_back();
            if (!read_file(arg, contents.back())) {
                std::cerr << arg << ": cannot read\n";
                return 1;
            }
            names.push_back(arg);
        }
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
    // Basis lines are checked when asked (the build does, and marks on the page
    // the quotes it could not check; rendering the page alone checks nothing).
    sipcat::BasisCheckResult checked;
    if (!rfc_dir.empty() || require_basis) {
        if (const size_t problems = check_basis_lines(*r.catalogue, rfc_dir, require_basis, checked)) {
            std::cerr << "catalogue check failed: " << problems << " basis problem(s)\n";
            return 1;
        }
    }
    if (!emit_cpp.empty() && !write_file(emit_cpp, sipcat::generate_catalogue_source(*r.catalogue)))
        return 1;
    if (!markdown.empty() && !write_file(markdown, sipcat::render_reference_markdown(*r.catalogue, checked)))
        return 1;
    return 0;
}
