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
    // RFC 3398 §7.2.4.1 gives a second code for 22 (with a diagnostic) and 21 (cause location user).
    EXPECT_EQ(explain_q850(cat, 22, "en"),
              "Q.850 cause 22, \"Number changed\" (normal event); RFC 3398 maps it to SIP 410 Gone. RFC 3398 also "
              "gives SIP 301 Moved Permanently: when the release (REL) carries a diagnostic field with the new number, "
              "which the gateway then should put in a Contact header.");
    EXPECT_NE(explain_q850(cat, 21, "en").find("maps it to SIP 403 Forbidden. RFC 3398 also gives SIP 603 Decline: "
                                               "when the cause location is the user"),
              std::string::npos);
    EXPECT_NE(explain_q850(cat, 21, "de").find("RFC 3398 nennt auch SIP 603 Decline: wenn als Ort der Ursache"),
              std::string::npos);
    EXPECT_EQ(explain_q850(cat, 17, "en").find("also"), std::string::npos);
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
