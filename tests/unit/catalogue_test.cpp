#include <gtest/gtest.h>

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
    EXPECT_EQ(cat->render("out-of-range", "de", {{"code", "700"}}), "Code 700 außerhalb");
}

TEST(Expand, ReplacesKnownKeysOnly)
{
    EXPECT_EQ(expand("{a}-{b}-{c", {{"a", "1"}, {"b", "2"}}), "1-2-{c");
    EXPECT_EQ(expand("{x}{a}", {{"a", "1"}}), "{x}1");
    EXPECT_EQ(expand("", {}), "");
}
