#include <gtest/gtest.h>

#include "warning_header.h"

using namespace sipcat;

TEST(WarningHeader, OneValue)
{
    const auto v = parse_warning_header(R"(305 isi.edu "Incompatible media format")");
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].code, 305u);
    EXPECT_EQ(v[0].text, "Incompatible media format");
}

TEST(WarningHeader, SeveralValuesWithCommasAndEscapesInText)
{
    const auto v = parse_warning_header(
        R"(307 isi.edu "Session parameter 'foo' not understood", 301 isi.edu "a, b \"c\"" ,399 gw1:5060 "No route")");
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[0].code, 307u);
    EXPECT_EQ(v[1].code, 301u);
    EXPECT_EQ(v[1].text, "a, b \"c\"");
    EXPECT_EQ(v[2].text, "No route");
}

TEST(WarningHeader, LenientAboutMissingQuotes)
{
    const auto v = parse_warning_header("399 pbx Trunk down , 370 pbx \"unterminated");
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v[0].text, "Trunk down");
    EXPECT_EQ(v[1].code, 370u);
    EXPECT_EQ(v[1].text, "unterminated");
}

TEST(WarningHeader, SkipsWhatItCannotRead)
{
    EXPECT_TRUE(parse_warning_header("").empty());
    EXPECT_TRUE(parse_warning_header("   ,, ,").empty());
    EXPECT_TRUE(parse_warning_header("abc def \"x\"").empty());
    EXPECT_TRUE(parse_warning_header("3999 agent \"too many digits\"").empty());
    const auto v = parse_warning_header("garbage, 30 x \"short\", 399 ok \"fine\"");
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].text, "fine");
    EXPECT_EQ(parse_warning_header("399")[0].code, 399u);  // code alone
}

TEST(WarningHeader, BoundsCountAndLength)
{
    std::string many;
    for (int i = 0; i < 1000; ++i)
        many += "399 a \"x\", ";
    EXPECT_EQ(parse_warning_header(many).size(), kMaxWarningValues);
    const auto v = parse_warning_header("399 a \"" + std::string(100000, 'y') + "\"");
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].text.size(), kMaxWarningText);
}
