#include <gtest/gtest.h>

#include "sip_text.h"

using namespace sipcat;

TEST(SipText, PhraseFromStatusLine)
{
    EXPECT_EQ(phrase_from_status_line("SIP/2.0 504 Gateway Time-out"), "Gateway Time-out");
    EXPECT_EQ(phrase_from_status_line("SIP/2.0 100 trying -- your call is important to us"),
              "trying -- your call is important to us");
    EXPECT_EQ(phrase_from_status_line("SIP/2.0 200 "), "");
    EXPECT_EQ(phrase_from_status_line("SIP/2.0 200"), "");
    EXPECT_EQ(phrase_from_status_line(""), "");
    EXPECT_EQ(phrase_from_status_line("SIP/2.0 486 Busy Here \r\n"), "Busy Here");
}

