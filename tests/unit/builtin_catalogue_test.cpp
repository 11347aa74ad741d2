// Checks of the real catalogue as embedded in the plugin.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "builtin_catalogue.h"
#include "catalogue_reference.h"

using namespace sipcat;

namespace {

const Catalogue &cat()
{
    std::vector<std::string> errors;
    const Catalogue *c = builtin_catalogue(&errors);
    std::string all;
    for (const auto &e : errors)
        all += e + "\n";
    EXPECT_NE(c, nullptr) << all;
    return *c;
}

// code -> registered phrase, from ../shared/reference; empty when absent.
std::map<unsigned, std::string> registry()
{
    std::map<unsigned, std::string> codes;
    std::ifstream in(SIPCAT_REFERENCE_DIR "/iana-sip-response-codes.tsv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::istringstream ss(line);
        std::string code, phrase;
        if (std::getline(ss, code, '\t') && std::getline(ss, phrase, '\t'))
            codes[std::stoul(code)] = phrase;
    }
    return codes;
}

}  // namespace

TEST(BuiltinCatalogue, EveryRegisteredCodeHasItsRegisteredPhrase)
{
    const auto reg = registry();
    if (reg.empty())
        GTEST_SKIP() << "../shared/reference is absent; registry comparison skipped";
    EXPECT_EQ(reg.size(), 75u);
    for (const auto &[code, phrase] : reg) {
        const Entry *e = cat().find(code);
        ASSERT_NE(e, nullptr) << "registry code " << code << " is missing from the catalogue";
        if (e->status == EntryStatus::Deprecated)
            EXPECT_EQ(e->reason + " (Deprecated)", phrase) << code;
        else
            EXPECT_EQ(e->reason, phrase) << code;
    }
    // Codes that the registry does not have are the obsolete RFC 2543 ones.
    for (const auto &e : cat().entries())
        if (!reg.count(e->code))
            EXPECT_EQ(e->status, EntryStatus::Obsolete) << e->code;
}

TEST(BuiltinCatalogue, EveryCodeFrom100To699IsExplainedInEveryLanguage)
{
    for (unsigned code = 100; code <= 699; ++code) {
        for (const std::string &lang : cat().languages()) {
            const Annotation a = cat().annotate(code, lang, "INVITE");
            ASSERT_NE(a.entry, nullptr) << code;
            EXPECT_EQ(a.cls, code / 100);
            EXPECT_FALSE(a.text->summary.empty()) << code << " " << lang;
            EXPECT_FALSE(a.text->explanation.empty()) << code << " " << lang;
            EXPECT_FALSE(a.text->remedy.empty()) << code << " " << lang;
            EXPECT_EQ(a.text->expert.find('{'), std::string::npos) << a.text->expert;
        }
    }
}

TEST(BuiltinCatalogue, ExpertTextsFitWiresharksLabelLength)
{
    // Wireshark cuts expert texts at ITEM_LABEL_LENGTH (240) bytes.
    for (const auto &e : cat().entries())
        for (const TextVariant &t : e->texts)
            EXPECT_LT(t.expert.size(), 240u) << e->code << " " << t.lang << ": " << t.expert;
}

// The diagnosis' expert texts with their longest values: 7-digit frame
// numbers, the longest frame list, a user name as long as the plugin shows.
TEST(BuiltinCatalogue, DiagnosisTextsFitWiresharksLabelLength)
{
    const std::string frames = "..., 1234567, 1234567, 1234567, 1234567";
    for (const std::string &lang : cat().languages()) {
        const std::string loop = cat().render("auth-loop", lang, {{"count", "1234567"}, {"frames", frames}});
        EXPECT_NE(loop.find(frames), std::string::npos) << lang;
        EXPECT_LT(loop.size(), 240u) << lang << ": " << loop;
        const std::string anonymous = cat().render("auth-rejected-anonymous", lang, {{"code", "407"}});
        EXPECT_LT(anonymous.size(), 240u) << lang << ": " << anonymous;
        // A user name of up to 60 bytes fits; the plugin cuts longer ones at 120, which may not.
        const std::string rejected = cat().render("auth-rejected", lang, {{"code", "407"}, {"user", std::string(60, 'u')}});
        EXPECT_LT(rejected.size(), 240u) << lang << ": " << rejected;
    }
}

TEST(BuiltinCatalogue, SeedErrorsAreCorrected)
{
    EXPECT_EQ(cat().find(416)->reason, "Unsupported URI Scheme");
    EXPECT_EQ(cat().find(416)->text("en", "")->explanation.find("Requested Range") != std::string::npos, true)
        << "416 should say that the range text is HTTP's";
    EXPECT_EQ(cat().find(202)->status, EntryStatus::Deprecated);
    EXPECT_EQ(cat().find(437)->reason, "Unsupported Credential");
    EXPECT_EQ(cat().find(436)->reason, "Bad Identity Info");
    EXPECT_EQ(cat().find(409)->status, EntryStatus::Obsolete);
    EXPECT_EQ(cat().find(411)->status, EntryStatus::Obsolete);
}

TEST(BuiltinCatalogue, MethodSpecificRemedies)
{
    const Entry *e401 = cat().find(401);
    EXPECT_NE(e401->text("en", "REGISTER")->remedy, e401->text("en", "INVITE")->remedy);
    const Entry *e481 = cat().find(481);
    EXPECT_NE(e481->text("en", "BYE")->remedy, e481->text("en", "CANCEL")->remedy);
    EXPECT_NE(e481->text("en", "BYE")->remedy, e481->text("en", "INFO")->remedy);
}

TEST(BuiltinCatalogue, ReferencePageListsEveryEntryInEveryLanguage)
{
    const std::string page = render_reference_markdown(cat());
    for (const auto &e : cat().entries()) {
        const std::string heading = "</a>" + std::to_string(e->code) + " " + e->reason + "\n";
        EXPECT_NE(page.find(heading), std::string::npos) << "no heading for " << e->code;
        EXPECT_NE(page.find("](#code-" + std::to_string(e->code) + ")"), std::string::npos) << e->code;
        for (const std::string &lang : cat().languages())
            EXPECT_NE(page.find("**" + lang + "** — " + e->text(lang, "")->summary), std::string::npos)
                << e->code << " " << lang;
    }
    EXPECT_NE(page.find("*Remedy for REGISTER:* " + cat().find(401)->text("de", "REGISTER")->remedy),
              std::string::npos);
}

TEST(BuiltinCatalogue, Q850MappingFollowsRfc3398)
{
    std::ifstream in(SIPCAT_REFERENCE_DIR "/q850-sip-mapping.tsv");
    if (!in)
        GTEST_SKIP() << "../shared/reference is absent";
    std::string line;
    int causes = 0, mapped = 0;
    std::map<unsigned, std::string> first_mapping;
    while (std::getline(in, line)) {
        std::vector<std::string> col;
        std::istringstream ss(line);
        for (std::string c; std::getline(ss, c, '\t');)
            col.push_back(c);
        if (col.size() < 4 || col[1].empty() || col[1].find_first_not_of("0123456789") != std::string::npos)
            continue;
        const unsigned cause = std::stoul(col[1]);
        if (col[0] == "Q850_CAUSE") {
            ++causes;
            ASSERT_NE(cat().q850(cause), nullptr) << "Q.850 cause " << cause << " missing";
            EXPECT_EQ(*cat().q850(cause)->name("en"), col[2]) << cause;
        } else if (col[0] == "ISUP_TO_SIP" && !first_mapping.count(cause)) {
            first_mapping[cause] = col[3];
        }
    }
    EXPECT_EQ(causes, 73);
    for (const auto &[cause, sip] : first_mapping) {
        ++mapped;
        const unsigned want = sip == "---" ? 0 : std::stoul(sip);
        EXPECT_EQ(cat().q850(cause)->sip, want) << "cause " << cause;
    }
    EXPECT_EQ(mapped, 32);
    EXPECT_EQ(cat().q850(43)->sip, 500u) << "unlisted causes map to the default 500";
    EXPECT_EQ(cat().q850(44)->sip, 0u) << "RFC 3398 §7.2.4.1: cause 44 is untranslatable, no SIP status";
}

TEST(BuiltinCatalogue, EveryWarnCodeOfTheReference)
{
    std::ifstream in(SIPCAT_REFERENCE_DIR "/sip-warning-codes.tsv");
    if (!in)
        GTEST_SKIP() << "../shared/reference is absent";
    std::string line;
    std::getline(in, line);
    int n = 0;
    while (std::getline(in, line)) {
        const unsigned code = std::stoul(line.substr(0, 3));
        ASSERT_NE(cat().warning(code), nullptr) << code;
        EXPECT_EQ(cat().warning(code)->text, line.substr(4, line.find('\t', 4) - 4)) << code;
        for (const std::string &lang : cat().languages())
            EXPECT_FALSE(cat().warning(code)->explanation(lang)->empty());
        ++n;
    }
    EXPECT_EQ(n, 15);
}
