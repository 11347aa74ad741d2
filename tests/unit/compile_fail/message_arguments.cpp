// Compiled by ctest, not linked: with -DSIPCAT_COMPLETE it must compile, without
// it (a placeholder left out, one of the wrong kind) it must not.
#include "messages.h"

int main()
{
#ifdef SIPCAT_COMPLETE
    const sipcat::msg::AuthLoop m("401", 3, "2, 4");
    const sipcat::msg::WarningsCut w(32);
#elif defined(SIPCAT_WRONG_KIND)
    const sipcat::msg::AuthLoop m("401", "3", "2, 4");  // the count is a number
    const sipcat::msg::WarningsCut w(32);
#else
    const sipcat::msg::AuthLoop m("401", 3);  // {frames} left out
    const sipcat::msg::WarningsCut w(32);
#endif
    return static_cast<int>(m.values.size() + w.values.size());
}
