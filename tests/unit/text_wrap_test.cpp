#include <gtest/gtest.h>

#include "catalogue_parser.h"
#include "text_wrap.h"

using sipcat::wrap_text;
using V = std::vector<std::string>;

TEST(TextWrap, BreaksAtSpaces)
{
    EXPECT_EQ(wrap_text("aaa bbb ccc", 7), (V{"aaa bbb", "ccc"}));
    EXPECT_EQ(wrap_text("aaa bbb ccc", 6), (V{"aaa", "bbb", "ccc"}));
    EXPECT_EQ(wrap_text("aaa bbb ccc", 100), (V{"aaa bbb ccc"}));
    EXPECT_EQ(wrap_text("  aaa   bbb ", 5), (V{"aaa", "bbb"}));
}

TEST(TextWrap, EmptyAndDegenerate)
{
    EXPECT_EQ(wrap_text("", 10), V{});
    EXPECT_EQ(wrap_text("   ", 10), V{});
    EXPECT_EQ(wrap_text("abc", 0), V{});
}

TEST(TextWrap, CutsLongWordsAtUtf8Boundaries)
{
    EXPECT_EQ(wrap_text("abcdefgh", 3), (V{"abc", "def", "gh"}));
    const V lines = wrap_text("ääää", 3);  // 2 bytes each: never split one
    EXPECT_EQ(lines, (V{"ä", "ä", "ä", "ä"}));
    for (const auto &l : wrap_text("Grüße aus Köln, Übergänge überall", 5))
        EXPECT_TRUE(sipcat::is_valid_utf8(l)) << l;
}

TEST(TextWrap, EveryLineFitsAndNothingIsLost)
{
    const std::string text =
        "Normal on the first REGISTER. If the REGISTER with Authorization is challenged again, the "
        "credentials are wrong: check the authentication user name (often the number in international format).";
    const V lines = wrap_text(text, 40);
    std::string joined;
    for (const auto &l : lines) {
        EXPECT_LE(l.size(), 40u);
        joined += (joined.empty() ? "" : " ") + l;
    }
    EXPECT_EQ(joined, text);
}

TEST(TextWrap, StrayContinuationBytesDoNotMakeALongLine)
{
    // Not UTF-8 (found by fuzz_sip_text): a run of continuation bytes is cut every 4 bytes.
    const V lines = wrap_text(std::string(100, '\x80'), 1);
    ASSERT_EQ(lines.size(), 25u);
    for (const auto &l : lines)
        EXPECT_EQ(l.size(), 4u);
}
