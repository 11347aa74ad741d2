// Rows of the user's overrides table (the UAT): six cells a row, any bytes.
// Bad rows must be refused with a message; good ones must resolve.
#include <cstdint>

#include "builtin_catalogue.h"
#include "fuzz_input.h"
#include "overrides.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const sipcat::Catalogue *cat = sipcat::builtin_catalogue();
    SIPCAT_FUZZ_CHECK(cat);
    std::vector<sipcat::OverrideRow> rows;
    for (std::string_view line : sipcat::fuzz::split(sipcat::fuzz::as_text(data, size), '\n', 64)) {
        const auto c = sipcat::fuzz::split(line, '\t', 6);
        auto cell = [&](size_t i) { return i < c.size() ? std::string(c[i]) : std::string(); };
        rows.push_back({cell(0), cell(1), cell(2), cell(3), cell(4), cell(5)});
    }
    sipcat::Overrides ov;
    const auto problems = ov.set_rows(rows, cat->languages());
    SIPCAT_FUZZ_CHECK(ov.size() + problems.size() <= rows.size());
    for (const auto &p : problems)
        SIPCAT_FUZZ_CHECK(p.find("row ignored") != std::string::npos);
    for (const auto &row : rows) {
        const unsigned code = static_cast<unsigned>(std::strtoul(row.code.c_str(), nullptr, 10));
        for (const std::string &lang : cat->languages()) {
            const sipcat::Annotation a = cat->annotate(code, lang, row.method);
            if (!a.entry)
                continue;
            const sipcat::Resolved res = ov.resolve(*cat, a, lang, row.method);
            SIPCAT_FUZZ_CHECK(res.text);
            // The expert line stays under Wireshark's 240-byte cut.
            SIPCAT_FUZZ_CHECK(res.text->expert.size() < 240 || !res.user);
        }
    }
    return 0;
}
