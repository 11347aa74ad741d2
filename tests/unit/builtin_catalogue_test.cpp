// Checks of the real catalogue as embedded in the plugin.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "builtin_catalogue.h"
#include "catalogue_parser.h"
#include "catalogue_reference.h"
#include "labels.h"

using namespace sipcat;

namespace {

const Catalogue &cat()
{
    return *builtin_catalogue();
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

std::string base_name(Text file)
{
    const std::string f = file.str();
    return f.substr(f.rfind('/') == std::string::npos ? 0 : f.rfind('/') + 1);
}

// Every field of a catalogue as text, file names without their folder.
std::string dump(const Catalogue &c)
{
    std::ostringstream o;
    auto basis = [&](Array<Basis> v) {
        for (const Basis &b : v)
            o << "  basis " << b.rfc << " " << b.section << " [" << b.quote << "] @" << b.method << " "
              << base_name(b.file) << ":" << b.line << "\n";
    };
    auto langs = [&](const char *what, Array<LangText> v) {
        for (const LangText &t : v)
            o << "  " << what << "." << t.lang << " [" << t.text << "]\n";
    };
    for (const Entry &e : c.entries()) {
        o << "[" << e.code << "] " << e.reason << " " << status_name(e.status) << " " << e.rfc << " "
          << base_name(e.file) << ":" << e.line << "\n";
        for (const Text &s : e.seen_as)
            o << "  seen-as [" << s << "]\n";
        for (const TextVariant &t : e.texts) {
            o << "  " << t.lang << "@" << t.method << "\n   [" << t.summary << "]\n   [" << t.explanation << "]\n   ["
              << t.remedy << "]\n   [" << t.note << "]\n   [" << t.expert << "]\n   [" << t.expert_with_remedy << "]\n";
            for (const Text &l : t.explanation_lines)
                o << "   e|" << l << "\n";
            for (const Text &l : t.remedy_lines)
                o << "   r|" << l << "\n";
            o << "   basis [" << t.basis << "]\n";
            for (const Text &l : t.basis_lines)
                o << "   b|" << l << "\n";
        }
        basis(e.basis);
    }
    for (const Message &m : c.data().messages) {
        o << "[message " << m.name << "] " << static_cast<int>(m.id) << " " << base_name(m.file) << ":" << m.line
          << "\n";
        for (const MessageText &t : m.texts)
            o << "  text." << t.lang << "." << plural_form_name(t.form) << " [" << t.text << "]\n";
    }
    for (const Q850Cause &q : c.q850_causes()) {
        o << "[q850 " << q.cause << "] sip " << q.sip << " also " << q.sip_also << " " << base_name(q.file) << ":"
          << q.line << "\n";
        langs("name", q.names);
        langs("sip-also-when", q.sip_also_when);
        basis(q.basis);
    }
    for (const WarnCode &w : c.warnings()) {
        o << "[warning " << w.code << "] [" << w.text << "] " << w.rfc << " " << base_name(w.file) << ":" << w.line
          << "\n";
        langs("explanation", w.explanations);
        basis(w.basis);
    }
    o << "[q850 mapping]\n";
    basis(c.q850_basis());
    for (const Text &l : c.data().languages)
        o << "language " << l << "\n";
    return o.str();
}

std::string read_source(const std::string &name)
{
    std::ifstream in(std::string(SIPCAT_SOURCE_DIR "/catalogue/") + name, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

// The compiled tables say exactly what the files say (the code generator
// leaves nothing out and escapes every byte right).
TEST(BuiltinCatalogue, TablesEqualAFreshParseOfTheFiles)
{
    const std::vector<std::string> names = {"responses.cat", "messages.cat", "q850.cat", "warnings.cat", "findings.cat"};
    std::vector<std::string> texts;
    for (const std::string &n : names)
        texts.push_back(read_source(n));
    std::vector<SourceFile> files;
    for (size_t i = 0; i < names.size(); ++i)
        files.push_back({names[i], texts[i]});
    const ParseResult r = parse_catalogue(files);
    ASSERT_TRUE(r.ok());
    const std::string fresh = dump(*r.catalogue), compiled = dump(cat());
    EXPECT_GT(fresh.size(), 200000u);
    if (fresh != compiled) {
        size_t at = 0;
        while (at < fresh.size() && at < compiled.size() && fresh[at] == compiled[at])
            ++at;
        FAIL() << "first difference at byte " << at << ":\nparsed:   " << fresh.substr(at > 80 ? at - 80 : 0, 200)
               << "\ncompiled: " << compiled.substr(at > 80 ? at - 80 : 0, 200);
    }
}

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
    for (const Entry &e : cat().entries())
        if (!reg.count(e.code))
            EXPECT_EQ(e.status, EntryStatus::Obsolete) << e.code;
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
    for (const Entry &e : cat().entries())
        for (const TextVariant &t : e.texts)
            EXPECT_LT(t.expert.size(), 240u) << e.code << " " << t.lang << ": " << t.expert;
}

// The diagnosis' expert texts with their longest values: 7-digit frame
// numbers, the longest frame list, a user name as long as the plugin shows.
TEST(BuiltinCatalogue, DiagnosisTextsFitWiresharksLabelLength)
{
    const std::string frames = "..., 1234567, 1234567, 1234567, 1234567";
    for (const std::string &lang : cat().languages()) {
        const std::string loop = cat().render(msg::AuthLoop("407", 1234567, frames), lang);
        EXPECT_NE(loop.find(frames), std::string::npos) << lang;
        EXPECT_LT(loop.size(), 240u) << lang << ": " << loop;
        const std::string anonymous = cat().render(msg::AuthRejectedAnonymous("407"), lang);
        EXPECT_LT(anonymous.size(), 240u) << lang << ": " << anonymous;
        // A user name of up to 60 bytes fits; the plugin cuts longer ones at 120, which may not.
        const std::string rejected = cat().render(msg::AuthRejected("407", std::string(60, 'u')), lang);
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
    for (const Entry &e : cat().entries()) {
        const std::string heading = "</a>" + std::to_string(e.code) + " " + e.reason + "\n";
        EXPECT_NE(page.find(heading), std::string::npos) << "no heading for " << e.code;
        EXPECT_NE(page.find("](#code-" + std::to_string(e.code) + ")"), std::string::npos) << e.code;
        for (const std::string &lang : cat().languages())
            EXPECT_NE(page.find("**" + lang + "** — " + e.text(lang, "")->summary), std::string::npos)
                << e.code << " " << lang;
    }
    EXPECT_NE(page.find("*Remedy for REGISTER:* " + cat().find(401)->text("en", "REGISTER")->remedy),
              std::string::npos);
    EXPECT_NE(page.find("*Abhilfe bei REGISTER:* " + cat().find(401)->text("de", "REGISTER")->remedy),
              std::string::npos);
    // Summaries and explanations vary by method too (202 to MESSAGE is a relay's normal answer).
    const Entry *e202 = cat().find(202);
    EXPECT_NE(page.find("*Summary for MESSAGE:* " + e202->text("en", "MESSAGE")->summary), std::string::npos);
    EXPECT_NE(page.find("*Explanation for MESSAGE:* " + e202->text("en", "MESSAGE")->explanation), std::string::npos);
    EXPECT_NE(page.find("*Kurzfassung bei SUBSCRIBE:* " + e202->text("de", "SUBSCRIBE")->summary), std::string::npos);
    EXPECT_NE(page.find("- Klasse 4 (Client-Fehler), aktuell; definiert in RFC 3261 §21.4.2"), std::string::npos);
    EXPECT_NE(page.find("- Class 4 (Client Error), current; defined in RFC 3261 §21.4.2"), std::string::npos);
}

// Every basis line is on the page, with RFC, section and the quote, so that a
// reader can check each text without opening the RFC.
TEST(BuiltinCatalogue, ReferencePageShowsTheBasis)
{
    const std::string page = render_reference_markdown(cat());
    size_t quotes = 0;
    auto check = [&](const Basis &b) {
        ++quotes;
        const std::string line = "- " + basis_citation(b) +
                                 (b.method.empty() ? "" : " (for " + b.method.str() + ")") + ": \"" + b.quote.str() +
                                 "\"\n";
        EXPECT_NE(page.find(line), std::string::npos) << line;
    };
    for (const Entry &e : cat().entries())
        for (const Basis &b : e.basis)
            check(b);
    for (const WarnCode &w : cat().warnings()) {
        EXPECT_NE(page.find("### " + std::to_string(w.code) + " " + w.text + "\n\nDefined in " + w.rfc + "."),
                  std::string::npos)
            << w.code;
        for (const Basis &b : w.basis)
            check(b);
    }
    for (const Basis &b : cat().q850_basis())
        check(b);
    EXPECT_GT(quotes, 100u);
}

// A quote the build could not check (its RFC is not in the folder) is marked
// on the page; the others are not; a page made without the folder says so once.
TEST(BuiltinCatalogue, ReferencePageMarksUnverifiedQuotes)
{
    const std::string marker = " *(not verified: the text of RFC 8876 was not at hand for the build's check)*\n";
    const Basis &b425 = cat().find(425)->basis[0];
    ASSERT_EQ(b425.rfc, 8876u);
    const std::string line425 = "- " + basis_citation(b425) + ": \"" + b425.quote.str() + "\"";
    const Basis &b486 = cat().find(486)->basis[0];
    const std::string line486 = "- " + basis_citation(b486) + ": \"" + b486.quote.str() + "\"";

    const std::string checked = render_reference_markdown(cat(), BasisCheckResult{true, {8197, 8224, 8876}});
    EXPECT_NE(checked.find(line425 + marker), std::string::npos);
    EXPECT_NE(checked.find(line486 + "\n"), std::string::npos);
    EXPECT_EQ(checked.find(line486 + " *"), std::string::npos);
    EXPECT_EQ(checked.find("Made without the RFC folder"), std::string::npos);

    const std::string unchecked = render_reference_markdown(cat());
    EXPECT_NE(unchecked.find(line425 + "\n"), std::string::npos);
    EXPECT_NE(unchecked.find("*Made without the RFC folder: no basis quote on this page was checked"),
              std::string::npos);
}

// English names of classes, statuses and diagnosis values are the ones
// Wireshark's filters and value strings use: English output does not change.
TEST(BuiltinCatalogue, EnglishNamesAreTheFilterValues)
{
    for (unsigned c = 1; c <= 6; ++c)
        EXPECT_EQ(class_label(cat(), c, "en"), class_name(c));
    for (EntryStatus s : {EntryStatus::Current, EntryStatus::Deprecated, EntryStatus::Obsolete})
        EXPECT_EQ(cat().text(status_message(s), "en"), status_name(s));
    for (AuthState s : {AuthState::Challenge, AuthState::Stale, AuthState::Rejected, AuthState::CancelChallenged})
        EXPECT_EQ(cat().text(auth_message(s), "en"), auth_state_name(s));
    for (CallOutcome o : {CallOutcome::Answered, CallOutcome::Busy, CallOutcome::NoAnswer, CallOutcome::Rejected,
                          CallOutcome::Cancelled, CallOutcome::Redirected, CallOutcome::AuthFailed, CallOutcome::Failed})
        EXPECT_EQ(cat().text(outcome_message(o), "en"), call_outcome_name(o));
    EXPECT_EQ(cat().text(MessageId::SourceBuiltin, "en"), "builtin");
    EXPECT_EQ(cat().text(MessageId::SourceUser, "en"), "user");
    EXPECT_EQ(class_label(cat(), 4, "de"), "Client-Fehler");
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
