#include "rfc_text.h"

#include <algorithm>

namespace sipcat::rfc {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// Appends text with white space folded; a line break is white space too.
class Folder {
public:
    void add(std::string_view s)
    {
        for (const char c : s) {
            if (is_space(c)) {
                pending_ = !out_.empty();
                continue;
            }
            if (pending_ && out_.back() != '-' && out_.back() != ' ')
                out_ += ' ';
            pending_ = false;
            out_ += c;
        }
    }
    // Written at once, so that a heading's offset is that of its first character.
    void line_break()
    {
        if (!out_.empty() && out_.back() != '-' && out_.back() != ' ')
            out_ += ' ';
        pending_ = false;
    }
    size_t size() const { return out_.size(); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
    bool pending_ = false;
};

std::string_view rtrim(std::string_view s)
{
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

// "Rosenberg, et. al.          Standards Track                     [Page 12]"
bool is_page_footer(std::string_view line)
{
    line = rtrim(line);
    if (line.empty() || line.back() != ']')
        return false;
    line.remove_suffix(1);
    size_t d = 0;
    while (d < line.size() && is_digit(line[line.size() - 1 - d]))
        ++d;
    if (d == 0)
        return false;
    line.remove_suffix(d);
    return line.size() >= 6 && line.substr(line.size() - 6) == "[Page ";
}

// "RFC 3261            SIP: Session Initiation Protocol           June 2002"
// (body text is indented, so a line at column 0 that starts so is a header)
bool is_page_header(std::string_view line)
{
    line = rtrim(line);
    if (line.size() < 10 || line.substr(0, 4) != "RFC " || !is_digit(line[4]))
        return false;
    const std::string_view year = line.substr(line.size() - 4);
    return std::all_of(year.begin(), year.end(), is_digit) && line[line.size() - 5] == ' ';
}

// Where a section ends without a number of its own: the unnumbered headings
// of the back matter, and those of the front matter that follow the Abstract.
bool is_back_matter_heading(std::string_view line)
{
    static constexpr std::string_view kNames[] = {
        "Status of This Memo", "Status of this Memo", "Copyright Notice", "Copyright and License Notice",
        "Table of Contents", "Authors' Addresses", "Author's Address", "Authors Addresses", "Full Copyright Statement",
        "Intellectual Property", "Intellectual Property Statement", "Acknowledgments", "Acknowledgements",
        "Acknowledgement", "Acknowledgment", "Normative References", "Informative References", "References",
        "Contributors"};
    line = rtrim(line);
    return std::find(std::begin(kNames), std::end(kNames), line) != std::end(kNames);
}

// The id of a heading line at column 0 ("21.4.24 486 Busy Here",
// "4.1.2.1.  Requesting a Subscription", "Appendix A.  Title", "B.1 Title"),
// or "" when the line is none.
std::string_view heading_id(std::string_view line)
{
    if (line.substr(0, 9) == "Appendix ") {
        line.remove_prefix(9);
        while (!line.empty() && line.front() == ' ')
            line.remove_prefix(1);
    }
    size_t i = 0;
    if (!line.empty() && is_digit(line[0])) {
        while (i < line.size() && is_digit(line[i]))
            ++i;
    } else if (!line.empty() && is_upper(line[0])) {
        i = 1;
    } else {
        return {};
    }
    // more ".digits"
    while (i + 1 < line.size() && line[i] == '.' && is_digit(line[i + 1])) {
        ++i;
        while (i < line.size() && is_digit(line[i]))
            ++i;
    }
    const std::string_view id = line.substr(0, i);
    size_t j = i;
    if (j < line.size() && line[j] == '.')
        ++j;
    const size_t gap_start = j;
    while (j < line.size() && line[j] == ' ')
        ++j;
    // after the id: "." and/or spaces, then a title
    if (j >= line.size() || is_space(line[j]) || (j == gap_start && j == i))
        return {};
    return id;
}

int depth_of(std::string_view id) { return 1 + static_cast<int>(std::count(id.begin(), id.end(), '.')); }

}  // namespace

std::string fold(std::string_view text)
{
    Folder f;
    f.add(text);
    return f.take();
}

bool is_section_id(std::string_view id)
{
    if (id == kAbstract)
        return true;
    if (id.empty())
        return false;
    size_t i = 0;
    if (is_upper(id[0])) {
        i = 1;
    } else {
        while (i < id.size() && is_digit(id[i]))
            ++i;
        if (i == 0 || i > 3)
            return false;
    }
    while (i < id.size()) {
        if (id[i] != '.' || i + 1 == id.size())
            return false;
        size_t d = ++i;
        while (i < id.size() && is_digit(id[i]))
            ++i;
        if (i == d || i - d > 3)
            return false;
    }
    return id.size() <= 32;
}

Document::Document(std::string_view raw)
{
    Folder folder;
    bool after_blank = true;  // a heading follows a blank line (or a removed one)
    int lineno = 0;
    size_t pos = 0;
    while (pos < raw.size()) {
        size_t eol = raw.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = raw.size();
        std::string line(raw.substr(pos, eol - pos));
        pos = eol + 1;
        ++lineno;
        line.erase(std::remove(line.begin(), line.end(), '\f'), line.end());
        const std::string_view view = rtrim(line);
        if (view.empty() || is_page_footer(view) || is_page_header(view)) {
            after_blank = true;
            continue;
        }
        folder.line_break();
        if (after_blank && !is_space(view.front())) {
            const std::string_view id = heading_id(view);
            if (view == kAbstract)  // the front matter's one citable part
                sections_.push_back(Section{std::string(kAbstract), 1, lineno, folder.size(), 0});
            else if (!id.empty() && is_section_id(id))
                sections_.push_back(Section{std::string(id), depth_of(id), lineno, folder.size(), 0});
            else if (is_back_matter_heading(view))
                sections_.push_back(Section{"", 1, lineno, folder.size(), 0});
        }
        after_blank = false;
        folder.add(view);
    }
    text_ = folder.take();
    for (size_t i = 0; i < sections_.size(); ++i) {
        sections_[i].end = text_.size();
        for (size_t j = i + 1; j < sections_.size(); ++j)
            if (sections_[j].depth <= sections_[i].depth) {
                sections_[i].end = sections_[j].begin;
                break;
            }
    }
    // Back-matter headings only end sections; nobody cites them.
    sections_.erase(std::remove_if(sections_.begin(), sections_.end(), [](const Section &s) { return s.id.empty(); }),
                    sections_.end());
}

const Section *Document::section(std::string_view id) const
{
    for (const Section &s : sections_)
        if (s.id == id)
            return &s;
    return nullptr;
}

std::string_view Document::text_of(const Section &s) const
{
    return std::string_view(text_).substr(s.begin, s.end - s.begin);
}

const Section *Document::section_at(size_t offset) const
{
    const Section *best = nullptr;
    for (const Section &s : sections_)
        if (s.begin <= offset && offset < s.end && (!best || s.depth > best->depth))
            best = &s;
    return best;
}

}  // namespace sipcat::rfc
