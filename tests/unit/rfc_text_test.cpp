#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "rfc_text.h"

using namespace sipcat::rfc;

namespace {

// Two pages of an RFC in the RFC Editor's layout, with subsections, an
// appendix and a back-matter heading.
const std::string kRfc =
    "\n\n"
    "Network Working Group                                         A. Author\n"
    "Request for Comments: 9999                                      Example\n"
    "\n"
    "                          A Test Protocol\n"
    "\n"
    "Abstract\n"
    "\n"
    "   This memo is a fixture.\n"
    "\n"
    "Status of This Memo\n"
    "\n"
    "   Boilerplate.\n"
    "\n"
    "1.  Introduction\n"
    "\n"
    "   The protocol has two parts.  Each MUST be\n"
    "   implemented.\n"
    "\n"
    "2.  Behaviour\n"
    "\n"
    "2.1.  Client\n"
    "\n"
    "   A client SHOULD retry a non-\n"
    "   INVITE request once; the \"retry\" rule.\n"
    "\n"
    "\n"
    "Author                       Standards Track                    [Page 1]\n"
    "\f\n"
    "RFC 9999                   A Test Protocol                    March 2024\n"
    "\n"
    "\n"
    "   It continues on the next page.\n"
    "\n"
    "2.1.1 Retries\n"
    "\n"
    "   Retries are rare.\n"
    "\n"
    "2.2.  Server\n"
    "\n"
    "   A server answers.\n"
    "\n"
    "3.Last Section\n"
    "\n"
    "   The end of the body.\n"
    "\n"
    "Appendix A.  Notes\n"
    "\n"
    "   Appendix text.\n"
    "\n"
    "A.1.  More Notes\n"
    "\n"
    "   Deeper appendix text.\n"
    "\n"
    "Authors' Addresses\n"
    "\n"
    "   A. Author\n";

std::string section_text(const Document &d, const char *id)
{
    const Section *s = d.section(id);
    return s ? std::string(d.text_of(*s)) : "<none>";
}

}  // namespace

TEST(RfcText, FoldsWhiteSpaceAndJoinsHyphenatedBreaks)
{
    EXPECT_EQ(fold("  a \t b\n\n  c  "), "a b c");
    EXPECT_EQ(fold("non-\n   INVITE"), "non-INVITE");
    EXPECT_EQ(fold("non-INVITE"), "non-INVITE");
    EXPECT_EQ(fold(""), "");
    EXPECT_EQ(fold(" \f\r\n "), "");
}

TEST(RfcText, SectionIds)
{
    for (const char *ok : {"1", "21.4.24", "8.1.3.2", "A", "B.1", "A.1.2", "Abstract"})
        EXPECT_TRUE(is_section_id(ok)) << ok;
    for (const char *bad : {"", "21.", ".1", "21..4", "a.1", "AB", "1a", "1234", "§21", "21 .4", "A1", "abstract", "Abstracts"})
        EXPECT_FALSE(is_section_id(bad)) << bad;
}

TEST(RfcText, DropsPageHeadersFootersAndFormFeeds)
{
    const Document d(kRfc);
    EXPECT_EQ(d.text().find("[Page 1]"), std::string::npos);
    EXPECT_EQ(d.text().find("March 2024"), std::string::npos);
    EXPECT_EQ(d.text().find('\f'), std::string::npos);
    EXPECT_NE(d.text().find("the \"retry\" rule. It continues on the next page."), std::string::npos) << d.text();
    EXPECT_NE(d.text().find("retry a non-INVITE request"), std::string::npos);
    // The front page's first lines are not a header: they do not start "RFC ".
    EXPECT_NE(d.text().find("Request for Comments: 9999"), std::string::npos);
}

TEST(RfcText, FindsHeadingsOfEveryStyle)
{
    const Document d(kRfc);
    std::vector<std::string> ids;
    for (const Section &s : d.sections())
        ids.push_back(s.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"Abstract", "1", "2", "2.1", "2.1.1", "2.2", "3", "A", "A.1"}));
    EXPECT_EQ(d.section("2.1.1")->depth, 3);
    EXPECT_EQ(d.section("2.1.1")->line, 36);
    EXPECT_EQ(d.section("4"), nullptr);
}

TEST(RfcText, SectionRunsToTheNextHeadingOfItsLevelWithSubsections)
{
    const Document d(kRfc);
    EXPECT_EQ(section_text(d, "1"), "1. Introduction The protocol has two parts. Each MUST be implemented. ");
    // 2.1 holds 2.1.1 and the text across the page break, and stops at 2.2.
    const std::string s21 = section_text(d, "2.1");
    EXPECT_EQ(s21.find("2.1. Client"), 0u);
    EXPECT_NE(s21.find("It continues on the next page."), std::string::npos);
    EXPECT_NE(s21.find("Retries are rare."), std::string::npos);
    EXPECT_EQ(s21.find("A server answers"), std::string::npos);
    // 2 holds all of 2.x, not 3.
    EXPECT_NE(section_text(d, "2").find("A server answers."), std::string::npos);
    EXPECT_EQ(section_text(d, "2").find("end of the body"), std::string::npos);
    // "3.Last Section" (no space after the dot) is a heading; back matter ends the appendix.
    EXPECT_EQ(section_text(d, "3"), "3.Last Section The end of the body. ");
    EXPECT_NE(section_text(d, "A").find("Deeper appendix text."), std::string::npos);
    EXPECT_EQ(section_text(d, "A.1").find("A. Author"), std::string::npos);
}

TEST(RfcText, SectionAtFindsTheInnermost)
{
    const Document d(kRfc);
    const size_t at = d.text().find("Retries are rare");
    ASSERT_NE(d.section_at(at), nullptr);
    EXPECT_EQ(d.section_at(at)->id, "2.1.1");
    EXPECT_EQ(d.section_at(d.text().find("Request for Comments")), nullptr);  // front matter
    ASSERT_NE(d.section_at(d.text().find("fixture")), nullptr);
    EXPECT_EQ(d.section_at(d.text().find("fixture"))->id, "Abstract");
}

// The Abstract is citable and ends where the front matter's next part begins.
TEST(RfcText, AbstractEndsAtTheStatusOfThisMemo)
{
    const Document d(kRfc);
    EXPECT_EQ(section_text(d, "Abstract"), "Abstract This memo is a fixture. ");
    EXPECT_EQ(d.section_at(d.text().find("Boilerplate")), nullptr);
    // Without such a heading it runs to section 1, never into it.
    const Document bare("\nAbstract\n\n   Short.\n\n1.  Intro\n\n   Body.\n");
    EXPECT_EQ(section_text(bare, "Abstract"), "Abstract Short. ");
}

TEST(RfcText, MalformedInputGivesNoSectionsAndNoCrash)
{
    EXPECT_TRUE(Document("").sections().empty());
    EXPECT_TRUE(Document("\f\f\f").text().empty());
    EXPECT_TRUE(Document(std::string("\0\xff\xfe\n\n1", 6)).sections().empty());  // a number without a title
    const Document crlf("\r\n1.  Intro\r\n\r\n   text\r\n\r\n2.  Next\r\n");
    EXPECT_EQ(section_text(crlf, "1"), "1. Intro text ");
    // A heading must follow a blank line: a number at the start of a running line is none.
    EXPECT_TRUE(Document("   text\n2.  Not a heading\n").sections().empty());
    // Indented numbers (the table of contents) are no headings.
    EXPECT_TRUE(Document("\n   1  Introduction ...... 8\n").sections().empty());
    // No newline at the end, a section at the very end.
    EXPECT_EQ(section_text(Document("\n7 Last\n\n   words"), "7"), "7 Last words");
    // A page footer without a number, a "header" without a year: kept as text.
    const Document odd("   a [Page ]\nRFC 1234 no year\n");
    EXPECT_NE(odd.text().find("[Page ]"), std::string::npos);
    EXPECT_NE(odd.text().find("no year"), std::string::npos);
}

// The real RFC 3261 from ../shared/reference/rfc.
TEST(RfcText, RealRfc3261)
{
    std::ifstream in(SIPCAT_REFERENCE_DIR "/rfc/rfc3261.txt", std::ios::binary);
    if (!in)
        GTEST_SKIP() << SIPCAT_REFERENCE_DIR "/rfc/rfc3261.txt is absent";
    std::ostringstream ss;
    ss << in.rdbuf();
    const Document d(ss.str());
    const Section *busy = d.section("21.4.24");
    ASSERT_NE(busy, nullptr);
    EXPECT_EQ(busy->line, 10575);
    const std::string_view t = d.text_of(*busy);
    // Across the page break between pages 189 and 190:
    EXPECT_NE(t.find("The user could also be available elsewhere, such as through a voice mail service."),
              std::string_view::npos);
    EXPECT_EQ(t.find("487 Request Terminated"), std::string_view::npos);
    // 8.1.3 includes 8.1.3.2 and ends before 8.2.
    const std::string_view responses = d.text_of(*d.section("8.1.3"));
    EXPECT_NE(responses.find("A UAC MUST treat any final response it does not recognize as being equivalent to "
                             "the x00 response code of that class"),
              std::string_view::npos);
    EXPECT_EQ(responses.find("8.2 UAS Behavior"), std::string_view::npos);
    EXPECT_NE(d.text_of(*d.section("4")).find("either INVITE or non-INVITE"), std::string_view::npos);
    // Every heading of the table of contents exists (a sample of its depths).
    for (const char *id : {"1", "7.3.3", "8.1.1.10", "17.1.2.2", "20.43", "21.6.4", "27.4", "28.1"})
        EXPECT_NE(d.section(id), nullptr) << id;
    EXPECT_EQ(d.section("29.1"), nullptr);
    // The Abstract (after the Status and Copyright parts in RFC 3261), not the table of contents.
    const std::string_view abstract = d.text_of(*d.section("Abstract"));
    EXPECT_NE(abstract.find("This document describes Session Initiation Protocol (SIP)"), std::string_view::npos);
    EXPECT_EQ(abstract.find("Table of Contents"), std::string_view::npos);
}
