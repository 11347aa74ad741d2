// Warning header values straight from packets (RFC 3261 §20.43).
#include <cstdint>

#include "fuzz_input.h"
#include "warning_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto text = sipcat::fuzz::as_text(data, size);
    const auto values = sipcat::parse_warning_header(text);
    SIPCAT_FUZZ_CHECK(values.size() <= sipcat::kMaxWarningValues);
    for (const auto &v : values) {
        SIPCAT_FUZZ_CHECK(v.text.size() <= sipcat::kMaxWarningText);
        SIPCAT_FUZZ_CHECK(v.code <= 999);
    }
    // A caller's smaller limit holds too.
    SIPCAT_FUZZ_CHECK(sipcat::parse_warning_header(text, 2).size() <= 2);
    return 0;
}
