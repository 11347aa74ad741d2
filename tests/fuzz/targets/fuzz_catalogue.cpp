// The catalogue loader: four files, as a user editing catalogue/ might leave
// them. Whatever parses must then answer every lookup.
#include <cstdint>

#include "catalogue_parser.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"responses.cat", "messages.cat", "q850.cat", "warnings.cat"};
    const auto parts = sipcat::fuzz::split(sipcat::fuzz::as_text(data, size), '\x1f', 4);
    std::vector<sipcat::SourceFile> files;
    for (size_t i = 0; i < parts.size(); ++i)
        files.push_back({names[i], parts[i]});
    const sipcat::ParseResult r = sipcat::parse_catalogue(files);
    SIPCAT_FUZZ_CHECK(r.ok() || !r.errors.empty());
    for (const auto &e : r.errors)
        SIPCAT_FUZZ_CHECK(!e.str().empty());
    if (!r.ok())
        return 0;
    const sipcat::Catalogue &cat = *r.catalogue;
    for (const std::string &lang : cat.languages()) {
        for (unsigned code : {100u, 183u, 200u, 401u, 486u, 499u, 603u, 699u}) {
            const sipcat::Annotation a = cat.annotate(code, lang, "INVITE");
            if (a.text)
                SIPCAT_FUZZ_CHECK(!a.text->lang.empty());
        }
        cat.render("expert", lang, {{"code", "486"}});
        cat.q850(16);
        cat.warning(399);
    }
    return 0;
}
