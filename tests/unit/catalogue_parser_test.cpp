#include <gtest/gtest.h>

#include "catalogue_parser.h"
#include "test_catalogue_text.h"

using namespace sipcat;

namespace {

ParseResult parse(const std::string &responses)
{
    return parse_catalogue({{"responses.cat", responses}, {"messages.cat", test::kMessages}});
}

std::string all_errors(const ParseResult &r)
{
    std::string s;
    for (const auto &e : r.errors)
        s += e.str() + "\n";
    return s;
}

// The good catalogue with `from` replaced by `to`.
std::string with(const std::string &from, const std::string &to)
{
    std::string s = test::kResponses;
    const size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
}

}  // namespace

TEST(CatalogueParser, ParsesValidCatalogue)
{
    const ParseResult r = parse(test::kResponses);
    ASSERT_TRUE(r.ok()) << all_errors(r);
    ASSERT_EQ(r.catalogue->entries().size(), 3u);
    const Entry *e = r.catalogue->find(401);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->reason, "Unauthorized");
    EXPECT_EQ(e->rfc, "RFC 3261 §21.4.2; RFC 3261 §22.2");
    ASSERT_EQ(e->seen_as.size(), 2u);
    EXPECT_EQ(e->seen_as[0], "Unauthorised");
    EXPECT_EQ(e->seen_as[1], "Auth");
    EXPECT_EQ(r.catalogue->languages(), (std::vector<std::string>{"en", "de"}));
}

TEST(CatalogueParser, JoinsContinuationLines)
{
    const ParseResult r = parse(test::kResponses);
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.catalogue->find(183)->text("en", "")->explanation, "early media continues here");
}

TEST(CatalogueParser, MethodVariantInheritsMissingFields)
{
    const ParseResult r = parse(test::kResponses);
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const TextVariant *t = r.catalogue->find(401)->text("en", "REGISTER");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->method, "REGISTER");
    EXPECT_EQ(t->remedy, "register remedy");
    EXPECT_EQ(t->explanation, "challenge");
    EXPECT_EQ(t->summary, "credentials needed");
}

TEST(CatalogueParser, RendersExpertTexts)
{
    const ParseResult r = parse(test::kResponses);
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const TextVariant *t = r.catalogue->find(401)->text("de", "");
    EXPECT_EQ(t->expert, "401 Unauthorized: Anmeldung nötig (RFC 3261 §21.4.2; RFC 3261 §22.2)");
    EXPECT_EQ(t->expert_with_remedy, "401 Unauthorized: Anmeldung nötig Abhilfe: allgemeine Abhilfe");
}

struct BadCase {
    const char *name;
    std::string from, to;
    std::string expected;  // substring of one error line
};

void PrintTo(const BadCase &c, std::ostream *os) { *os << c.name; }

class CatalogueParserErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(CatalogueParserErrors, NamesEntryAndProblem)
{
    const BadCase &c = GetParam();
    const ParseResult r = parse(with(c.from, c.to));
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.catalogue, nullptr);
    EXPECT_NE(all_errors(r).find(c.expected), std::string::npos) << "errors were:\n" << all_errors(r);
}

INSTANTIATE_TEST_SUITE_P(
    All, CatalogueParserErrors,
    ::testing::Values(
        BadCase{"missing_remedy", "remedy.en: fix syntax\n", "", "responses.cat:16: [400]: missing remedy.en"},
        BadCase{"missing_language", "remedy.de: Syntax korrigieren\n", "", "[400]: missing remedy.de"},
        BadCase{"empty_field", "summary.en: malformed", "summary.en:", "[400]: field 'summary.en' is empty"},
        BadCase{"duplicate_code", "[400]", "[183]", "[183]: code 183 appears twice (first at line 3)"},
        BadCase{"code_too_high", "[400]", "[700]", "[700]: status code must be three digits in 100..699"},
        BadCase{"code_too_short", "[400]", "[40]", "[40]: status code must be three digits"},
        BadCase{"bad_rfc", "rfc: RFC 3261 §21.4.1", "rfc: rfc3261 21.4.1", "[400]: malformed rfc reference"},
        BadCase{"bad_rfc_section", "rfc: RFC 3261 §21.4.1", "rfc: RFC 3261 §21.", "malformed rfc reference"},
        BadCase{"bad_status", "status: current\n# the class (4) comes from the code\nrfc: RFC 3261 §21.4.1",
                "status: gone\nrfc: RFC 3261 §21.4.1",
                "[400]: status must be current, deprecated or obsolete, not 'gone'"},
        BadCase{"missing_reason", "reason: Bad Request\n", "", "[400]: missing reason"},
        BadCase{"unknown_field", "reason: Bad Request", "reason: Bad Request\nremdy.en: x", "unknown field 'remdy.en'"},
        BadCase{"bad_lang", "remedy.de: nichts", "remedy.DE: nichts", "bad language tag 'DE'"},
        BadCase{"bad_method", "remedy.en@REGISTER", "remedy.en@register", "bad method 'register'"},
        BadCase{"duplicate_field", "remedy.en: nothing", "remedy.en: nothing\nremedy.en: again",
                "[183]: duplicate field 'remedy.en' (first at line 13)"},
        BadCase{"not_utf8", "remedy.en: nothing", "remedy.en: caf\xe9", "[183]: field 'remedy.en' is not valid UTF-8"},
        BadCase{"summary_too_long", "summary.en: malformed", "summary.en: " + std::string(151, 'x'),
                "summary.en is 151 bytes; at most 150"},
        BadCase{"stray_continuation", "# comment", "  orphan", "indented line continues no value"},
        // class: was dropped from the data (the code's first digit); even a right one is refused.
        BadCase{"class_is_gone", "# the class (4) comes from the code\nrfc: RFC 3261 §21.4.1",
                "class: 4\nrfc: RFC 3261 §21.4.1",
                "responses.cat:19: [400]: unknown field 'class': the class is the code's first digit (4 for 400); "
                "delete the line"},
        BadCase{"basis_without_quote", "reason: Bad Request", "reason: Bad Request\nbasis: RFC 3261 §21.4.1",
                "responses.cat:18: [400]: basis without a quoted sentence"},
        BadCase{"basis_one_quote", "reason: Bad Request", "reason: Bad Request\nbasis: RFC 3261 §21.4.1 \"half",
                "[400]: basis without a quoted sentence"},
        BadCase{"basis_text_after_quote", "reason: Bad Request",
                "reason: Bad Request\nbasis: RFC 3261 §21.4.1 \"q\" and more", "text after the closing quote"},
        BadCase{"basis_empty_quote", "reason: Bad Request", "reason: Bad Request\nbasis: RFC 3261 §21.4.1 \"  \"",
                "empty quote in basis"},
        BadCase{"basis_no_section", "reason: Bad Request", "reason: Bad Request\nbasis: RFC 3261 \"q\"",
                "basis must start with 'RFC <number> §<section>'"},
        BadCase{"basis_lowercase_rfc", "reason: Bad Request", "reason: Bad Request\nbasis: rfc 3261 §1 \"q\"",
                "basis must start with"},
        BadCase{"basis_bad_section", "reason: Bad Request", "reason: Bad Request\nbasis: RFC 3261 §21. \"q\"",
                "malformed section '21.' in basis"},
        BadCase{"basis_bad_method", "reason: Bad Request", "reason: Bad Request\nbasis@invite: RFC 3261 §1 \"q\"",
                "bad method 'invite' in 'basis@invite'"},
        BadCase{"basis_for_missing_variant", "reason: Bad Request",
                "reason: Bad Request\nbasis@BYE: RFC 3261 §1 \"q\"", "[400]: basis@BYE but no text for BYE"},
        BadCase{"note_in_one_language_only", "remedy.en: fix syntax", "remedy.en: fix syntax\nnote.en: n",
                "[400]: missing note.de"},
        BadCase{"hyphen_at_line_end", "explanation.en: early media\n", "explanation.en: early-\n",
                "responses.cat:11: [183]: a value line must not end in '-'"},
        BadCase{"no_colon", "# comment", "[183x", "malformed section header"}),
    [](const ::testing::TestParamInfo<BadCase> &i) { return std::string(i.param.name); });

TEST(CatalogueParser, StatusMayBeLeftOut)
{
    std::string text = with("status: current\n# the class (4) comes from the code\nrfc: RFC 3261 §21.4.1",
                            "rfc: RFC 3261 §21.4.1");
    const std::string current183 = "status: current\n# the class (1) comes from the code\n";
    const size_t at = text.find(current183);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, current183.size(), "status: deprecated\n");
    const ParseResult r = parse(text);
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.catalogue->find(400)->status, EntryStatus::Current);
    EXPECT_EQ(r.catalogue->find(183)->status, EntryStatus::Deprecated);
}

TEST(CatalogueParser, BasisLines)
{
    const ParseResult r = parse(with("seen-as: Unauthorised | Auth\n",
                                     "seen-as: Unauthorised | Auth\n"
                                     "basis: RFC 3261 §21.4.2 \"The request requires user\n"
                                     "  authentication.\"\n"
                                     "basis: RFC 3261 §22.2 \"a \"realm\" quoted\"\n"
                                     "basis@REGISTER: RFC 3261 §10.3 \"registrar\"  \n"));
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const Array<Basis> b = r.catalogue->find(401)->basis;
    ASSERT_EQ(b.size(), 3u);
    EXPECT_EQ(b[0].rfc, 3261u);
    EXPECT_EQ(b[0].section, "21.4.2");
    EXPECT_EQ(b[0].quote, "The request requires user authentication.");
    EXPECT_EQ(b[0].method, "");
    EXPECT_EQ(b[0].file, "responses.cat");
    EXPECT_EQ(b[0].line, 34);
    EXPECT_EQ(b[1].quote, "a \"realm\" quoted");  // first to last quote
    EXPECT_EQ(b[2].method, "REGISTER");
    EXPECT_EQ(b[2].section, "10.3");
    EXPECT_TRUE(r.catalogue->find(400)->basis.empty());
}

TEST(CatalogueParser, BasisInWarningsAndQ850)
{
    const std::string causes = "[q850 mapping]\nbasis: RFC 3398 §7.2.4.1 \"default 500\"\n" + test::kCauses;
    std::string with_basis = causes;
    with_basis.replace(with_basis.find("sip: 486"), 8, "sip: 486\nbasis: RFC 3398 §7.2.4.1 \"17 -> 486\"");
    with_basis.replace(with_basis.find("rfc: RFC 3261 §20.43"), std::string("rfc: RFC 3261 §20.43").size(),
                       "rfc: RFC 3261 §20.43\nbasis: RFC 3261 §20.43 \"305\"");
    const ParseResult r =
        parse_catalogue({{"r.cat", test::kResponses}, {"m.cat", test::kMessages}, {"c.cat", with_basis}});
    ASSERT_TRUE(r.ok()) << all_errors(r);
    ASSERT_EQ(r.catalogue->q850_basis().size(), 1u);
    EXPECT_EQ(r.catalogue->q850_basis()[0].quote, "default 500");
    ASSERT_EQ(r.catalogue->q850(17)->basis.size(), 1u);
    EXPECT_EQ(r.catalogue->q850(17)->basis[0].quote, "17 -> 486");
    ASSERT_EQ(r.catalogue->warning(305)->basis.size(), 1u);
    EXPECT_EQ(r.catalogue->warning(305)->basis[0].section, "20.43");

    auto errors = [](const std::string &c) {
        return all_errors(parse_catalogue({{"r.cat", test::kResponses}, {"m.cat", test::kMessages}, {"c.cat", c}}));
    };
    EXPECT_NE(errors(causes + "[q850 mapping]\n").find("[q850 mapping] appears twice"), std::string::npos);
    EXPECT_NE(errors("[q850 mapping]\nsip: 500\n").find("[q850 mapping]: unknown field 'sip'"), std::string::npos);
    EXPECT_NE(errors("[warning 399]\ntext: t\nrfc: RFC 3261\nexplanation.en: a\nexplanation.de: b\n"
                     "basis@INVITE: RFC 3261 §1 \"q\"\n")
                  .find("only response entries have method variants"),
              std::string::npos);
}

TEST(CatalogueParser, MessagesAreRequiredAndChecked)
{
    std::string messages = test::kMessages;
    messages.replace(messages.find("{line}"), 6, "{lines}");
    ParseResult r = parse_catalogue({{"r.cat", test::kResponses}, {"m.cat", messages}});
    EXPECT_NE(all_errors(r).find("[message malformed-status]: unknown placeholder {lines} in text.en"),
              std::string::npos)
        << all_errors(r);

    r = parse_catalogue({{"r.cat", test::kResponses}});
    EXPECT_NE(all_errors(r).find("missing [message expert]"), std::string::npos) << all_errors(r);
}

TEST(CatalogueParser, Q850CausesAndWarnCodes)
{
    const ParseResult r =
        parse_catalogue({{"r.cat", test::kResponses}, {"m.cat", test::kMessages}, {"c.cat", test::kCauses}});
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.catalogue->q850(17)->sip, 486u);
    EXPECT_EQ(r.catalogue->q850(16)->sip, 0u);    // none
    EXPECT_EQ(r.catalogue->q850(44)->sip, 500u);  // the RFC 3398 default
    EXPECT_EQ(*r.catalogue->q850(17)->name("de"), "Teilnehmer besetzt");
    EXPECT_EQ(r.catalogue->q850(18), nullptr);
    EXPECT_EQ(*r.catalogue->warning(305)->explanation("fr"), "codec mismatch");
    EXPECT_EQ(r.catalogue->warning(305)->text, "Incompatible media format");
}

TEST(CatalogueParser, Q850AndWarningErrors)
{
    auto errors = [](const std::string &causes) {
        return all_errors(
            parse_catalogue({{"r.cat", test::kResponses}, {"m.cat", test::kMessages}, {"c.cat", causes}}));
    };
    EXPECT_NE(errors("[q850 128]\nname.en: x\nname.de: y\n").find("[q850 128]: number must be in 0..127"),
              std::string::npos);
    EXPECT_NE(errors("[q850 5]\nname.en: x\nname.de: y\nsip: 99\n").find("sip must be a status code"),
              std::string::npos);
    EXPECT_NE(errors("[q850 5]\nname.en: x\n").find("c.cat:1: [q850 5]: missing name.de"), std::string::npos);
    EXPECT_NE(errors("[warning 299]\ntext: t\nrfc: RFC 3261\n").find("number must be in 300..399"),
              std::string::npos);
    EXPECT_NE(errors("[warning 305]\nrfc: RFC 3261\nexplanation.en: a\nexplanation.de: b\n").find("missing text"),
              std::string::npos);
    // A second code needs its condition in every language and a basis; it must differ from sip.
    const std::string also = "[q850 5]\nname.en: x\nname.de: y\nsip: 403\nbasis: RFC 3398 \xC2\xA7" "7 \"q\"\n";
    EXPECT_NE(errors(also + "sip-also: 603\nsip-also-when.en: when\n").find("c.cat:1: [q850 5]: missing sip-also-when.de"),
              std::string::npos);
    EXPECT_NE(errors(also + "sip-also: 403\nsip-also-when.en: a\nsip-also-when.de: b\n").find("sip-also 403 is the same as sip"),
              std::string::npos);
    EXPECT_NE(errors(also + "sip-also: 6033\n").find("sip-also must be a status code"), std::string::npos);
    EXPECT_NE(errors(also + "sip-also-when.en: a\nsip-also-when.de: b\n").find("sip-also-when without sip-also"),
              std::string::npos);
    EXPECT_NE(errors("[q850 5]\nname.en: x\nname.de: y\nsip: 403\nsip-also: 603\nsip-also-when.en: a\nsip-also-when.de: b\n")
                  .find("sip-also needs a basis line"),
              std::string::npos);
    EXPECT_NE(errors("[q850 5]\nname.en: x\nname.de: y\n[q850 5]\nname.en: x\nname.de: y\n")
                  .find("cause 5 appears twice"),
              std::string::npos);
}

TEST(RfcReference, Grammar)
{
    EXPECT_TRUE(is_valid_rfc_reference("RFC 3261"));
    EXPECT_TRUE(is_valid_rfc_reference("RFC 3261 §21.4.24"));
    EXPECT_TRUE(is_valid_rfc_reference("RFC 6665 §8.3.1; RFC 3265"));
    EXPECT_FALSE(is_valid_rfc_reference(""));
    EXPECT_FALSE(is_valid_rfc_reference("RFC3261"));
    EXPECT_FALSE(is_valid_rfc_reference("RFC 3261 §"));
    EXPECT_FALSE(is_valid_rfc_reference("RFC 3261;RFC 3262"));
    EXPECT_FALSE(is_valid_rfc_reference("RFC 32"));
}

TEST(Utf8, RejectsOverlongAndSurrogates)
{
    EXPECT_TRUE(is_valid_utf8("Grüße §"));
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}
