#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "catalogue_parser.h"
#include "test_catalogue_text.h"

using namespace sipcat;

class CatalogueLookup : public ::testing::Test {
protected:
    void SetUp() override
    {
        result = parse_catalogue({{"r.cat", test::kResponses}, {"m.cat", test::kMessages}});
        ASSERT_TRUE(result.ok());
        cat = result.catalogue.get();
    }
    ParseResult result;
    const Catalogue *cat = nullptr;
};

TEST_F(CatalogueLookup, MostSpecificTextWins)
{
    const Entry *e = cat->find(401);
    EXPECT_EQ(e->text("en", "REGISTER")->remedy, "register remedy");  // lang + method
    EXPECT_EQ(e->text("en", "INVITE")->remedy, "general remedy");     // lang
    EXPECT_EQ(e->text("de", "INVITE")->remedy, "Abhilfe INVITE");     // lang + method
    EXPECT_EQ(e->text("de", "REGISTER")->remedy, "allgemeine Abhilfe");  // lang beats default-lang method
    EXPECT_EQ(e->text("fr", "REGISTER")->remedy, "register remedy");  // default lang + method
    EXPECT_EQ(e->text("fr", "")->remedy, "general remedy");           // default lang
}

TEST_F(CatalogueLookup, KnownCode)
{
    const Annotation a = cat->annotate(401, "en", "REGISTER");
    EXPECT_TRUE(a.known);
    EXPECT_EQ(a.cls, 4u);
    EXPECT_EQ(a.entry->code, 401u);
    EXPECT_EQ(a.text->remedy, "register remedy");
}

TEST_F(CatalogueLookup, UnknownFinalCodeUsesX00OfItsClass)
{
    const Annotation a = cat->annotate(499, "en", "");
    EXPECT_FALSE(a.known);
    EXPECT_EQ(a.cls, 4u);
    ASSERT_NE(a.entry, nullptr);
    EXPECT_EQ(a.entry->code, 499u);
    EXPECT_EQ(a.entry->rfc, "RFC 3261 §8.1.3.2");
    EXPECT_EQ(a.text->summary, "handled as 400 Bad Request: malformed");
    EXPECT_EQ(a.text->explanation, "499 is unknown, like 400. could not parse");
    EXPECT_EQ(a.text->remedy, "As for 400: fix syntax");
    EXPECT_EQ(a.text->expert, "499 (unregistered): handled as 400 Bad Request: malformed (RFC 3261 §8.1.3.2)");
    // The derived entry is built once and reused.
    EXPECT_EQ(cat->annotate(499, "de", "").entry, a.entry);
    EXPECT_EQ(cat->annotate(499, "de", "").text->summary, "behandelt wie 400 Bad Request: fehlerhaft");
}

TEST_F(CatalogueLookup, UnknownProvisionalCodeIsTreatedAs183)
{
    const Annotation a = cat->annotate(150, "en", "INVITE");
    EXPECT_FALSE(a.known);
    EXPECT_EQ(a.cls, 1u);
    EXPECT_EQ(a.text->summary, "handled as 183 Session Progress: progress");
}

TEST_F(CatalogueLookup, FallbackMissingFromCatalogueGivesNoEntry)
{
    // This small catalogue has no 500, so 599 cannot be explained.
    const Annotation a = cat->annotate(599, "en", "");
    EXPECT_FALSE(a.known);
    EXPECT_EQ(a.entry, nullptr);
    EXPECT_EQ(a.cls, 5u);
}

TEST_F(CatalogueLookup, OutOfRangeCodes)
{
    for (unsigned code : {0u, 99u, 700u, 99999u}) {
        const Annotation a = cat->annotate(code, "en", "");
        EXPECT_EQ(a.entry, nullptr) << code;
        EXPECT_EQ(a.cls, 0u) << code;
        EXPECT_FALSE(a.known) << code;
    }
    EXPECT_EQ(cat->render(msg::OutOfRange("700"), "de"), "Code 700 außerhalb");
}

TEST_F(CatalogueLookup, CountsChooseThePluralForm)
{
    EXPECT_EQ(cat->render(msg::AuthLoop("401", 0, "-"), "en"), "no loop -");
    EXPECT_EQ(cat->render(msg::AuthLoop("401", 1, "2"), "en"), "loop 1 2");
    EXPECT_EQ(cat->render(msg::AuthLoop("401", 3, "2, 6"), "en"), "loops 3 2, 6");
    // German has no zero form here: 0 takes "other", not the English zero text.
    EXPECT_EQ(cat->render(msg::AuthLoop("401", 0, "-"), "de"), "Schleifen 0 -");
    EXPECT_EQ(cat->render(msg::AuthLoop("401", 1, "2"), "de"), "Schleife 1 2");
    // A language the catalogue lacks: English text, English rule.
    EXPECT_EQ(cat->render(msg::AuthLoop("407", 0, "-"), "fr"), "no loop -");
    EXPECT_EQ(cat->render(msg::WarningsCut(32), "de"), "nur die ersten 32");
}

TEST(Ordinal, English)
{
    const std::pair<unsigned long, const char *> cases[] = {
        {0, "0th"},   {1, "1st"},     {2, "2nd"},     {3, "3rd"},     {4, "4th"},     {11, "11th"},
        {12, "12th"}, {13, "13th"},   {21, "21st"},   {22, "22nd"},   {23, "23rd"},   {101, "101st"},
        {111, "111th"}, {112, "112th"}, {1003, "1003rd"}};
    for (const auto &[n, want] : cases) {
        std::string out;
        ASSERT_TRUE(ordinal("en", n, out));
        EXPECT_EQ(out, want) << n;
    }
    std::string out;
    ASSERT_TRUE(ordinal("de", 3, out));
    EXPECT_EQ(out, "3.");
    EXPECT_FALSE(ordinal("fr", 3, out));
}

TEST(Expand, FillsThePlaceholdersOfTheSpec)
{
    const MessageSpec &spec = message_spec(MessageId::AuthLoop);
    const msg::AuthLoop m("401", 2, "5, 9");
    EXPECT_EQ(expand("{code}-{count}-{frames}-{x}-{code", spec, "en", m.values.data(), m.kCount),
              "401-2-5, 9-{x}-{code");
    EXPECT_EQ(expand("", spec, "en", m.values.data(), m.kCount), "");
}

TEST(MessageSpecs, EachHasAUniqueNameAndAtMostOneCount)
{
    for (size_t i = 0; i < kMessageCount; ++i) {
        const MessageSpec &s = message_specs()[i];
        EXPECT_EQ(static_cast<size_t>(s.id), i);
        EXPECT_EQ(find_message_spec(s.name), &s) << s.name;
        int counts = 0;
        for (size_t p = 0; p < s.placeholder_count; ++p)
            counts += s.placeholders[p].kind == PlaceholderKind::Count;
        EXPECT_LE(counts, 1) << s.name;
    }
    EXPECT_EQ(find_message_spec("no-such-message"), nullptr);
    EXPECT_EQ(message_spec(MessageId::AuthLoop).count_index(), 1);
    EXPECT_EQ(message_spec(MessageId::AuthRejected).count_index(), -1);
    EXPECT_EQ(message_spec(MessageId::Expert).count_index(), -1);
}

// catalogue/README.md's table of messages is the one messages.h makes.
TEST(MessageTable, ReadmeShowsEveryMessageAsMessagesHListsIt)
{
    std::ifstream in(SIPCAT_SOURCE_DIR "/catalogue/README.md", std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string readme = ss.str();
    const std::string open = "(unit test MessageTable) -->\n", close = "<!-- end of messages table -->";
    const size_t from = readme.find(open), to = readme.find(close);
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    EXPECT_EQ(readme.substr(from + open.size(), to - from - open.size()), message_table_markdown())
        << "update catalogue/README.md with: sipcat-catalogue-check --messages-table";
}
