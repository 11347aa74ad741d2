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

TEST(SipText, Unquote)
{
    EXPECT_EQ(unquote("\"bob\""), "bob");
    EXPECT_EQ(unquote("bob"), "bob");
    EXPECT_EQ(unquote("\""), "\"");
    EXPECT_EQ(unquote("\"\""), "");
}

TEST(SipText, FlagIsTrue)
{
    for (const char *yes : {"true", "TRUE", "True", "\"true\"", "\"TRUE\"", " true "})
        EXPECT_TRUE(flag_is_true(yes)) << yes;
    for (const char *no : {"false", "FALSE", "\"false\"", "", "\"\"", "tru", "truer", "\"true", "t\"rue\""})
        EXPECT_FALSE(flag_is_true(no)) << no;
}
