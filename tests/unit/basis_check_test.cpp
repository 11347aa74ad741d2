#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "basis_check.h"
#include "catalogue_parser.h"
#include "test_catalogue_text.h"

using namespace sipcat;

namespace {

const std::map<unsigned, std::string> kRfcs = {
    {9999,
     "\nAbstract\n\n   This memo is a test.\n\nStatus of This Memo\n\n   Boilerplate.\n\n"
     "1.  Intro\n\n   Servers MUST answer.  A \"quoted\" word\n   and a non-\n   INVITE request.\n\n"
     "1.1.  Detail\n\n   The detail is here.\n\n2.  Other\n\n   Clients MAY retry the request later.\n"},
};

bool load(unsigned number, std::string &text)
{
    const auto it = kRfcs.find(number);
    if (it == kRfcs.end())
        return false;
    text = it->second;
    return true;
}

// The test catalogue with `lines` added to entry 400 (after its reason line).
ParseResult catalogue_with(const std::string &lines, const std::string &causes = test::kCauses)
{
    std::string r = test::kResponses;
    const std::string anchor = "reason: Bad Request\n";
    r.insert(r.find(anchor) + anchor.size(), lines);
    return parse_catalogue({{"responses.cat", r}, {"messages.cat", test::kMessages}, {"q850.cat", causes}});
}

std::string errors_of(const BasisReport &b)
{
    std::string s;
    for (const auto &e : b.errors)
        s += e.str() + "\n";
    return s;
}

BasisReport check(const std::string &lines)
{
    const ParseResult r = catalogue_with(lines);
    EXPECT_TRUE(r.ok());
    return r.ok() ? check_basis(*r.catalogue, load) : BasisReport{};
}

}  // namespace

TEST(BasisCheck, VerifiesQuotesInTheirSection)
{
    const BasisReport b = check("basis: RFC 9999 \xC2\xA7" "1 \"Servers MUST\n  answer.\"\n"
                                "basis: RFC 9999 \xC2\xA7" "1 \"A \"quoted\" word and a non-INVITE request.\"\n"
                                "basis: RFC 9999 \xC2\xA7" "1 \"The detail is here.\"\n"  // subsection
                                "basis: RFC 9999 \xC2\xA7" "1.1 \"detail is\"\n");
    EXPECT_TRUE(b.errors.empty()) << errors_of(b);
    EXPECT_EQ(b.verified, 4u);
    EXPECT_EQ(b.rfcs_read, (std::vector<unsigned>{9999}));
}

TEST(BasisCheck, QuoteNotThereFailsWithWhereItDiffers)
{
    const BasisReport b = check("basis: RFC 9999 \xC2\xA7" "1 \"Servers MUST answer all requests.\"\n");
    ASSERT_EQ(b.errors.size(), 1u);
    EXPECT_EQ(b.errors[0].str(), "responses.cat:18: [400]: quote not found in RFC 9999 \xC2\xA7" "1; it matches up to "
                                 "\"Servers MUST answer\", then the quote has \" all requests.\" where the RFC has "
                                 "\". A \"quoted\" word and a non-IN\"");
    EXPECT_EQ(b.verified, 0u);
}

TEST(BasisCheck, QuoteInAnotherSectionIsNamed)
{
    const BasisReport b = check("basis: RFC 9999 \xC2\xA7" "1 \"Clients MAY retry\"\n"
                                "basis: RFC 9999 \xC2\xA7" "1.1 \"Servers MUST answer.\"\n");
    ASSERT_EQ(b.errors.size(), 2u) << errors_of(b);
    EXPECT_EQ(b.errors[0].message, "the quote is not in RFC 9999 \xC2\xA7" "1 but in \xC2\xA7" "2 of RFC 9999");
    EXPECT_EQ(b.errors[1].message, "the quote is not in RFC 9999 \xC2\xA7" "1.1 but in \xC2\xA7" "1 of RFC 9999");
}

TEST(BasisCheck, SectionThatDoesNotExistFails)
{
    const BasisReport b = check("basis: RFC 9999 \xC2\xA7" "3 \"Servers MUST answer.\"\n");
    ASSERT_EQ(b.errors.size(), 1u);
    EXPECT_EQ(b.errors[0].str(),
              "responses.cat:18: [400]: RFC 9999 \xC2\xA7" "3 does not exist (no such heading in rfc9999.txt)");
}

// An RFC's Abstract is citable as §Abstract; it ends before the Status of This Memo.
TEST(BasisCheck, AbstractIsASection)
{
    EXPECT_EQ(check("basis: RFC 9999 \xC2\xA7" "Abstract \"This memo is a test.\"\n").verified, 1u);
    const BasisReport b = check("basis: RFC 9999 \xC2\xA7" "Abstract \"Boilerplate.\"\n");
    ASSERT_EQ(b.errors.size(), 1u);
    EXPECT_EQ(b.errors[0].message, "the quote is not in RFC 9999 \xC2\xA7" "Abstract but in the front matter of RFC 9999");
    const BasisReport moved = check("basis: RFC 9999 \xC2\xA7" "1 \"This memo is a test.\"\n");
    ASSERT_EQ(moved.errors.size(), 1u);
    EXPECT_NE(moved.errors[0].message.find("but in \xC2\xA7" "Abstract"), std::string::npos) << errors_of(moved);
}

TEST(BasisCheck, RfcNotAtHandIsListedNotFailed)
{
    const BasisReport b = check("basis: RFC 8224 \xC2\xA7" "4 \"anything\"\nbasis: RFC 8224 \xC2\xA7" "5 \"more\"\n");
    EXPECT_TRUE(b.errors.empty());
    ASSERT_EQ(b.unverified.size(), 2u);
    EXPECT_EQ(b.unverified[0].str(),
              "responses.cat:18: [400]: RFC 8224 \xC2\xA7" "4 not verified (rfc8224.txt not at hand)");
    EXPECT_EQ(b.unverified[1].line, 19);
    EXPECT_EQ(b.rfcs_not_at_hand, (std::vector<unsigned>{8224}));
    EXPECT_NE(b.summary().find("2 NOT verified: their RFC's text is not at hand (RFC 8224):\n"
                               "  responses.cat:18: [400]: RFC 8224 \xC2\xA7" "4 not verified"),
              std::string::npos)
        << b.summary();
}

TEST(BasisCheck, NoLoaderVerifiesNothingButCounts)
{
    const ParseResult r = catalogue_with("basis: RFC 9999 \xC2\xA7" "1 \"not in the text\"\n");
    ASSERT_TRUE(r.ok());
    const BasisReport b = check_basis(*r.catalogue, RfcLoader());
    EXPECT_TRUE(b.errors.empty());
    EXPECT_EQ(b.verified, 0u);
    EXPECT_EQ(b.entries, 3u);
    EXPECT_EQ(b.entries_without, 2u);
}

TEST(BasisCheck, CountsWhatHasNoBasis)
{
    // 401 has variants for REGISTER and INVITE; one gets a basis.
    std::string r = test::kResponses;
    r.insert(r.find("remedy.en@REGISTER"), "basis@REGISTER: RFC 9999 \xC2\xA7" "2 \"Clients MAY retry\"\n");
    const std::string causes = "[q850 mapping]\nbasis: RFC 9999 \xC2\xA7" "1 \"Servers MUST answer.\"\n" + test::kCauses;
    const ParseResult p =
        parse_catalogue({{"responses.cat", r}, {"messages.cat", test::kMessages}, {"q850.cat", causes}});
    ASSERT_TRUE(p.ok());
    const BasisReport b = check_basis(*p.catalogue, load);
    EXPECT_TRUE(b.errors.empty()) << errors_of(b);
    EXPECT_EQ(b.entries_without, 3u);
    EXPECT_EQ(b.variants, 2u);
    EXPECT_EQ(b.variants_without, 1u);
    EXPECT_EQ(b.warn_codes, 1u);
    EXPECT_EQ(b.warn_codes_without, 1u);
    EXPECT_EQ(b.q850_departing, 2u);  // 16 (none) and 17 (486); 44 is the default
    EXPECT_EQ(b.q850_departing_without, 2u);
    EXPECT_TRUE(b.q850_mapping);
    std::string missing;
    for (const auto &e : b.missing)
        missing += e.str() + "\n";
    EXPECT_NE(missing.find("[401]: no basis@INVITE line"), std::string::npos) << missing;
    EXPECT_EQ(missing.find("no basis@REGISTER"), std::string::npos) << missing;
    EXPECT_NE(missing.find("q850.cat:4: [q850 16]: no basis line for a mapping other than the default 500"),
              std::string::npos)
        << missing;
    EXPECT_NE(missing.find("[warning 305]: no basis line"), std::string::npos) << missing;
    EXPECT_EQ(b.summary().substr(b.summary().find('\n') + 1),
              "basis still missing: 3 of 3 entries, 1 of 2 method variants, 1 of 1 warn-codes, 2 of 2 Q.850 causes "
              "mapped to other than 500, [q850 mapping] has one");
}

// The real RFC folder, as the build uses it.
TEST(BasisCheck, RealRfcText)
{
    const std::string dir = SIPCAT_REFERENCE_DIR "/rfc";
    if (!std::ifstream(dir + "/rfc3261.txt"))
        GTEST_SKIP() << dir << " is absent";
    const RfcLoader real = [&](unsigned n, std::string &text) {
        std::ifstream in(dir + "/rfc" + std::to_string(n) + ".txt", std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        text = ss.str();
        return static_cast<bool>(in);
    };
    const ParseResult r = catalogue_with(
        "basis: RFC 3261 \xC2\xA7" "21.4.24 \"The user could also be available elsewhere, such as through a voice "
        "mail service.\"\n"
        "basis: RFC 3261 \xC2\xA7" "8.1.3.2 \"treat the response as if it had received a 400 (Bad Request) "
        "response code\"\n"
        "basis: RFC 3261 \xC2\xA7" "21.4.24 \"The request was terminated by a BYE or CANCEL request.\"\n");
    ASSERT_TRUE(r.ok());
    const BasisReport b = check_basis(*r.catalogue, real);
    EXPECT_EQ(b.verified, 2u);
    ASSERT_EQ(b.errors.size(), 1u) << errors_of(b);
    EXPECT_EQ(b.errors[0].message, "the quote is not in RFC 3261 \xC2\xA7" "21.4.24 but in \xC2\xA7" "21.4.25 of RFC 3261");
}
