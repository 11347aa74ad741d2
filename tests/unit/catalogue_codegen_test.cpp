#include <gtest/gtest.h>

#include "catalogue_codegen.h"
#include "catalogue_parser.h"
#include "test_catalogue_text.h"

using namespace sipcat;

TEST(CatalogueCodegen, EscapesForACppLiteral)
{
    EXPECT_EQ(cpp_escape("plain"), "plain");
    EXPECT_EQ(cpp_escape("a \"b\" \\c"), "a \\\"b\\\" \\\\c");
    EXPECT_EQ(cpp_escape("why?" "?="), "why\\?\\?=");  // no trigraph
    EXPECT_EQ(cpp_escape("tab\tnl\n"), "tab\\011nl\\n");
    EXPECT_EQ(cpp_escape(std::string("\x01\x7f", 2)), "\\001\\177");
    EXPECT_EQ(cpp_escape("Grüße §"), "Grüße §");  // UTF-8 as it is
    EXPECT_EQ(cpp_escape(std::string("a\0b", 3)), "a\\000b");
}

TEST(CatalogueCodegen, WritesEveryTableAndNoEmptyArray)
{
    const ParseResult r = parse_catalogue({{"x/responses.cat", test::kResponses}, {"messages.cat", test::kMessages}});
    ASSERT_TRUE(r.ok());
    const std::string src = generate_catalogue_source(*r.catalogue);
    EXPECT_NE(src.find("extern const CatalogueData kData = {"), std::string::npos);
    EXPECT_NE(src.find("const Entry entries[] = {"), std::string::npos);
    EXPECT_NE(src.find("{401, T(\"Unauthorized\"), EntryStatus::Current, T(\"RFC 3261 §21.4.2; RFC 3261 §22.2\"), "
                       "{e401_seen_as, 2}, {e401_texts, 4}, {}, "),
              std::string::npos)
        << src;
    EXPECT_NE(src.find("T(\"responses.cat\")}"), std::string::npos) << "file names without their folder";
    EXPECT_EQ(src.find("x/responses.cat"), std::string::npos);
    // No Q.850 causes and no warn-codes in this catalogue: no arrays for them.
    EXPECT_EQ(src.find("const Q850Cause q850[]"), std::string::npos);
    EXPECT_EQ(src.find("const WarnCode warnings[]"), std::string::npos);
    EXPECT_EQ(src.find("[] = {};"), std::string::npos);
}
