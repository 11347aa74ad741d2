#include <gtest/gtest.h>

#include "catalogue_parser.h"
#include "overrides.h"
#include "test_catalogue_text.h"
#include "text_rules.h"
#include "text_wrap.h"

using namespace sipcat;

namespace {

const std::vector<std::string> kLangs = {"en", "de"};

OverrideRow row(std::string code, std::string method, std::string lang, std::string explanation,
                std::string remedy, std::string severity = "")
{
    return OverrideRow{std::move(code), std::move(method), std::move(lang), std::move(explanation),
                       std::move(remedy), std::move(severity)};
}

std::string problem_of(const OverrideRow &r)
{
    std::string problem;
    EXPECT_FALSE(check_override_row(r, 7, kLangs, &problem).has_value());
    return problem;
}

}  // namespace

TEST(OverrideRowCheck, AcceptsAndNormalisesAGoodRow)
{
    std::string problem;
    const auto o = check_override_row(row(" 401 ", "register", "DE", " Text ", "", "Warning"), 1, kLangs, &problem);
    ASSERT_TRUE(o.has_value()) << problem;
    EXPECT_EQ(o->code, 401u);
    EXPECT_EQ(o->method, "REGISTER");
    EXPECT_EQ(o->lang, "de");
    EXPECT_EQ(o->explanation, "Text");
    EXPECT_EQ(o->remedy, "");
    EXPECT_EQ(o->severity, Severity::Warning);
    EXPECT_EQ(o->row, 1u);
}

// One white-space rule for SIP text, the catalogue and the overrides (LWS:
// space, tab, CR, LF): a form feed or vertical tab is no white space to trim
// away silently but a control character the user is told about.
TEST(OverrideRowCheck, TrimsLwsAndRefusesOtherControlCharacters)
{
    std::string problem;
    const auto o = check_override_row(row("486", "", "", "\t Text \r\n", "", ""), 1, kLangs, &problem);
    ASSERT_TRUE(o.has_value()) << problem;
    EXPECT_EQ(o->explanation, "Text");
    EXPECT_EQ(problem_of(row("486", "", "", "Text\f", "", "")),
              "row 7 (code \"486\"): the explanation contains a control character (line break or tab); row ignored");
    EXPECT_EQ(trim("\v x \t"), "\v x");
}

TEST(OverrideRowCheck, RefusesEachBadCellByName)
{
    EXPECT_EQ(problem_of(row("", "", "", "", "", "")), "row 7: the row is empty; row ignored");
    EXPECT_EQ(problem_of(row("  ", " ", "", "", "", "")), "row 7: the row is empty; row ignored");
    EXPECT_EQ(problem_of(row("", "", "", "text", "", "")), "row 7: the code is missing; row ignored");
    EXPECT_EQ(problem_of(row("99", "", "", "x", "", "")),
              "row 7 (code \"99\"): the code must be a number from 100 to 699; row ignored");
    for (const char *bad : {"700", "000", "4x4", "1000", "-40", "+40", "40 1"})
        EXPECT_NE(problem_of(row(bad, "", "", "x", "", "")).find("must be a number from 100 to 699"), std::string::npos)
            << bad;
    EXPECT_EQ(problem_of(row("401", "REG ISTER", "", "x", "", "")),
              "row 7 (code \"401\"): the method \"REG ISTER\" is not a SIP method name; row ignored");
    EXPECT_EQ(problem_of(row("401", "", "fr", "x", "", "")),
              "row 7 (code \"401\"): unknown language \"fr\" (the catalogue has en, de; leave it empty for all); "
              "row ignored");
    EXPECT_EQ(problem_of(row("401", "", "", "x", "", "critical")),
              "row 7 (code \"401\"): unknown severity \"critical\" (chat, note, warning, error or off); row ignored");
    EXPECT_EQ(problem_of(row("401", "INVITE", "en", "", "", "")),
              "row 7 (code \"401\"): nothing to override: give an explanation, a remedy or a severity; row ignored");
    EXPECT_EQ(problem_of(row("401", "", "", std::string(1001, 'a'), "", "")),
              "row 7 (code \"401\"): the explanation is 1001 bytes long; at most 1000 are allowed; row ignored");
    EXPECT_EQ(problem_of(row("401", "", "", "", "bad \xff byte", "")),
              "row 7 (code \"401\"): the remedy is not valid UTF-8; row ignored");
    EXPECT_EQ(problem_of(row("401", "", "", "", "two\nlines", "")),
              "row 7 (code \"401\"): the remedy contains a control character (line break or tab); row ignored");
    // What the user typed is shown short and printable.
    EXPECT_EQ(problem_of(row("4\x01" "1", "", "", "x", "", "")),
              "row 7 (code \"4?1\"): the code must be a number from 100 to 699; row ignored");
}

TEST(OverrideRowCheck, AcceptsTheLimits)
{
    std::string problem;
    EXPECT_TRUE(check_override_row(row("100", "", "", std::string(1000, 'a'), "", ""), 1, kLangs, &problem));
    EXPECT_TRUE(check_override_row(row("699", "", "", "", "", "off"), 1, kLangs, &problem));
    EXPECT_TRUE(check_override_row(row("499", "", "en", "", "Provider text: ü", ""), 1, kLangs, &problem));
}

class OverrideLookup : public ::testing::Test {
protected:
    void SetUp() override
    {
        result = parse_catalogue({{"r.cat", test::kResponses}, {"m.cat", test::kMessages}});
        ASSERT_TRUE(result.ok());
        cat = result.catalogue.get();
    }
    Resolved resolve(unsigned code, const char *lang, const char *method)
    {
        return overrides.resolve(*cat, cat->annotate(code, lang, method), lang, method);
    }
    ParseResult result;
    const Catalogue *cat = nullptr;
    Overrides overrides;
};

TEST_F(OverrideLookup, NoRowsMeansBuiltinText)
{
    const Resolved r = resolve(401, "en", "REGISTER");
    EXPECT_FALSE(r.user);
    EXPECT_EQ(r.text, cat->find(401)->text("en", "REGISTER"));
    EXPECT_EQ(r.severity, Severity::Unset);
}

TEST_F(OverrideLookup, MostSpecificRowWinsFieldByField)
{
    const auto problems = overrides.set_rows({row("401", "", "", "any explanation", "any remedy", "note"),
                                              row("401", "REGISTER", "", "", "register remedy (user)", ""),
                                              row("401", "REGISTER", "de", "", "Abhilfe REGISTER (Nutzer)", ""),
                                              row("401", "", "de", "Erklärung (Nutzer)", "", "")},
                                             kLangs);
    EXPECT_TRUE(problems.empty());
    Resolved r = resolve(401, "en", "REGISTER");
    EXPECT_TRUE(r.user);
    EXPECT_EQ(r.text->explanation, "any explanation");     // code row
    EXPECT_EQ(r.text->remedy, "register remedy (user)");   // code+method row
    EXPECT_EQ(r.severity, Severity::Note);
    r = resolve(401, "de", "REGISTER");
    EXPECT_EQ(r.text->explanation, "Erklärung (Nutzer)");  // code+language beats code
    EXPECT_EQ(r.text->remedy, "Abhilfe REGISTER (Nutzer)"); // code+method+language
    r = resolve(401, "en", "INVITE");
    EXPECT_EQ(r.text->remedy, "any remedy");
    // Built-in fields the rows leave empty stay.
    EXPECT_EQ(r.text->note, cat->find(401)->text("en", "INVITE")->note);
    // Another code is untouched.
    r = resolve(400, "en", "INVITE");
    EXPECT_FALSE(r.user);
    EXPECT_EQ(r.text->remedy, "fix syntax");
}

TEST_F(OverrideLookup, EmptyCellsKeepTheBuiltinText)
{
    overrides.set_rows({row("400", "", "", "", "check the provider's SBC", "")}, kLangs);
    const Resolved r = resolve(400, "en", "INVITE");
    EXPECT_TRUE(r.user);
    EXPECT_EQ(r.text->explanation, "could not parse");
    EXPECT_EQ(r.text->remedy, "check the provider's SBC");
    EXPECT_EQ(r.text->summary, "check the provider's SBC");
    EXPECT_EQ(r.text->expert, "400 Bad Request: check the provider's SBC (user)");
    EXPECT_EQ(r.text->expert_with_remedy, r.text->expert);  // the user's remedy is in it already
    // German readers keep the German built-in explanation.
    EXPECT_EQ(resolve(400, "de", "INVITE").text->explanation, "nicht lesbar");
}

TEST_F(OverrideLookup, SeverityOnlyRowKeepsTheText)
{
    overrides.set_rows({row("183", "", "", "", "", "off")}, kLangs);
    const Resolved r = resolve(183, "en", "INVITE");
    EXPECT_TRUE(r.user);
    EXPECT_EQ(r.severity, Severity::Off);
    EXPECT_EQ(r.text, cat->find(183)->text("en", "INVITE"));
}

TEST_F(OverrideLookup, LanguageRowDoesNotLeakIntoOtherLanguages)
{
    overrides.set_rows({row("400", "", "de", "Nur Deutsch", "", "")}, kLangs);
    EXPECT_FALSE(resolve(400, "en", "INVITE").user);
    EXPECT_EQ(resolve(400, "de", "INVITE").text->explanation, "Nur Deutsch");
}

TEST_F(OverrideLookup, MethodRowDoesNotLeakIntoOtherMethods)
{
    overrides.set_rows({row("401", "REGISTER", "", "only REGISTER", "", "")}, kLangs);
    EXPECT_FALSE(resolve(401, "en", "INVITE").user);
    EXPECT_FALSE(resolve(401, "en", "").user);
    EXPECT_EQ(resolve(401, "en", "REGISTER").text->explanation, "only REGISTER");
}

TEST_F(OverrideLookup, AddsACodeTheRegistryLacks)
{
    overrides.set_rows({row("499", "", "", "Provider: prepaid credit exhausted.", "Top up the account.", "error")},
                       kLangs);
    const Resolved r = resolve(499, "en", "INVITE");
    EXPECT_TRUE(r.user);
    EXPECT_EQ(r.severity, Severity::Error);
    EXPECT_EQ(r.text->explanation, "Provider: prepaid credit exhausted.");
    EXPECT_EQ(r.text->remedy, "Top up the account.");
    EXPECT_EQ(r.text->expert, "499 (unregistered): Provider: prepaid credit exhausted. Top up the account. (user)");
}

TEST_F(OverrideLookup, LaterDuplicateRowWins)
{
    overrides.set_rows({row("400", "", "", "first", "", ""), row("400", "", "", "second", "", "")}, kLangs);
    EXPECT_EQ(resolve(400, "en", "").text->explanation, "second");
}

TEST_F(OverrideLookup, BadRowsAreReportedAndTheOthersApply)
{
    const auto problems = overrides.set_rows(
        {row("400", "", "", "good one", "", ""), row("99", "", "", "x", "", ""), row("", "", "", "", "", ""),
         row("401", "", "xx", "x", "", ""), row("401", "", "", "x", "", "loud"), row("183", "", "", "good two", "", "")},
        kLangs);
    ASSERT_EQ(problems.size(), 4u);
    EXPECT_EQ(problems[0].rfind("row 2 (code \"99\"):", 0), 0u);
    EXPECT_EQ(problems[1], "row 3: the row is empty; row ignored");
    EXPECT_EQ(problems[2].rfind("row 4 (code \"401\"): unknown language", 0), 0u);
    EXPECT_EQ(problems[3].rfind("row 5 (code \"401\"): unknown severity", 0), 0u);
    EXPECT_EQ(overrides.size(), 2u);
    EXPECT_EQ(resolve(400, "en", "").text->explanation, "good one");
    EXPECT_EQ(resolve(183, "en", "").text->explanation, "good two");
    EXPECT_FALSE(resolve(401, "en", "").user);
}

TEST_F(OverrideLookup, LongUserTextIsShortenedForTheExpertLine)
{
    const std::string remedy(300, 'r');
    overrides.set_rows({row("400", "", "", std::string(100, 'e') + " words", remedy, "")}, kLangs);
    const Resolved r = resolve(400, "en", "");
    EXPECT_EQ(r.text->remedy, remedy);  // the field keeps it whole
    EXPECT_LE(r.text->summary.size(), Catalogue::kMaxUserSummaryBytes);
    EXPECT_LT(r.text->expert.size(), 240u);
    EXPECT_FALSE(r.text->remedy_lines.empty());
}

TEST_F(OverrideLookup, SetRowsReplacesEarlierRows)
{
    overrides.set_rows({row("400", "", "", "old", "", "")}, kLangs);
    EXPECT_TRUE(resolve(400, "en", "").user);
    overrides.set_rows({}, kLangs);
    EXPECT_FALSE(resolve(400, "en", "").user);
}

TEST(Shorten, CutsAtAWordAndMarksIt)
{
    EXPECT_EQ(shorten("short", 10), "short");
    EXPECT_EQ(shorten("one two three four", 12), "one two\u2026");
    const std::string s = shorten("äääääääääää", 8);  // 2-byte letters: never split one
    EXPECT_LE(s.size(), 8u);
    EXPECT_EQ(s, "ää\u2026");
}

// A load reports each problem once, however often the table is applied after
// it; a row fixed and broken again is reported again; a new load reports all.
TEST(ProblemLog, EachProblemOncePerLoadAndAgainAfterAFix)
{
    ProblemLog log;
    using V = std::vector<std::string>;
    EXPECT_EQ(log.to_report({"row 1 bad"}), V{"row 1 bad"});
    EXPECT_EQ(log.to_report({"row 1 bad", "row 3 bad"}), V{"row 3 bad"});  // a -o row added a bad row
    EXPECT_EQ(log.to_report({"row 1 bad", "row 3 bad"}), V{});             // and a good one
    EXPECT_EQ(log.to_report({"row 3 bad"}), V{});                          // row 1 fixed in the editor
    EXPECT_EQ(log.to_report({"row 1 bad", "row 3 bad"}), V{"row 1 bad"});  // and broken again
    log.reset();                                                           // the table is loaded again
    EXPECT_EQ(log.to_report({"row 1 bad", "row 3 bad"}), (V{"row 1 bad", "row 3 bad"}));
}
