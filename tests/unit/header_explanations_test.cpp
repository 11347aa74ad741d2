#include <gtest/gtest.h>

#include "builtin_catalogue.h"
#include "header_explanations.h"

using namespace sipcat;

TEST(HeaderExplanations, Q850Classes)
{
    EXPECT_EQ(q850_class(16), 0u);
    EXPECT_EQ(q850_class(31), 0u);
    EXPECT_EQ(q850_class(34), 1u);
    EXPECT_EQ(q850_class(58), 2u);
    EXPECT_EQ(q850_class(65), 3u);
    EXPECT_EQ(q850_class(88), 4u);
    EXPECT_EQ(q850_class(102), 5u);
    EXPECT_EQ(q850_class(127), 6u);
    EXPECT_EQ(q850_class(100000), 6u);
}

TEST(HeaderExplanations, Q850WithTheBuiltinCatalogue)
{
    const Catalogue &cat = *builtin_catalogue();
    EXPECT_EQ(explain_q850(cat, 17, "en"),
              "Q.850 cause 17, \"User busy\" (normal event); RFC 3398 maps it to SIP 486 Busy Here.");
    EXPECT_EQ(explain_q850(cat, 17, "de"),
              "Q.850-Ursache 17, \"Teilnehmer besetzt\" (normales Ereignis); RFC 3398 bildet sie auf SIP 486 Busy "
              "Here ab.");
    EXPECT_NE(explain_q850(cat, 16, "en").find("no SIP response code"), std::string::npos);
    EXPECT_NE(explain_q850(cat, 43, "en").find("maps it to SIP 500 Server Internal Error"), std::string::npos);
    EXPECT_NE(explain_q850(cat, 44, "en").find("no SIP response code"), std::string::npos);
    EXPECT_EQ(explain_q850(cat, 44, "en").find("maps it to SIP"), std::string::npos);
    EXPECT_EQ(explain_q850(cat, 200, "en"),
              "Q.850 cause 200 is not a defined cause value; RFC 3398 maps unknown causes to SIP 500.");
}

TEST(HeaderExplanations, ReasonSipAndWarnings)
{
    const Catalogue &cat = *builtin_catalogue();
    EXPECT_EQ(explain_reason_sip(cat, 200, "en"), "SIP cause 200 OK: The request succeeded.");
    EXPECT_NE(explain_reason_sip(cat, 499, "en").find("SIP cause 499 (unregistered code): Unregistered code"), std::string::npos);
    EXPECT_NE(explain_warning(cat, 305, "en").find("codec mismatch"), std::string::npos);
    EXPECT_NE(explain_warning(cat, 305, "de").find("Codec-Konflikt"), std::string::npos);
    EXPECT_EQ(explain_warning(cat, 350, "en"), "Warn-code 350 is not registered; read the warn-text.");
}
