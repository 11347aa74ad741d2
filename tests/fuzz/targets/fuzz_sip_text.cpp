// Status lines and quoted auth parameters as Wireshark hands them over.
#include <algorithm>
#include <cstdint>

#include "fuzz_input.h"
#include "sip_text.h"
#include "text_wrap.h"

namespace {
bool inside(std::string_view part, std::string_view whole)
{
    return part.empty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto text = sipcat::fuzz::as_text(data, size);
    const auto phrase = sipcat::phrase_from_status_line(text);
    SIPCAT_FUZZ_CHECK(inside(phrase, text));
    // Text from packets and user tables is wrapped and shortened for display;
    // a line is wider than asked only to keep one UTF-8 sequence whole.
    for (size_t width : {1, 7, 80, 240}) {
        for (const auto &line : sipcat::wrap_text(text, width))
            SIPCAT_FUZZ_CHECK(!line.empty() && line.size() <= std::max<size_t>(width, 4));
        SIPCAT_FUZZ_CHECK(sipcat::shorten(text, width + 3).size() <= width + 3);
    }
    return 0;
}
