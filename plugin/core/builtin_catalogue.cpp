#include "builtin_catalogue.h"

#include "catalogue_parser.h"
#include "embedded_files.h"

namespace sipcat {

const Catalogue *builtin_catalogue(std::vector<std::string> *errors)
{
    static ParseResult result = [] {
        std::vector<SourceFile> files;
        for (std::size_t i = 0; i < embedded::file_count; ++i)
            files.push_back(SourceFile{embedded::files[i].name, {embedded::files[i].data, embedded::files[i].size}});
        return parse_catalogue(files);
    }();
    if (errors)
        for (const CatalogueError &e : result.errors)
            errors->push_back(e.str());
    return result.catalogue.get();
}

}  // namespace sipcat
