// A plain-text RFC as the catalogue's basis check reads it: page headers,
// page footers and form feeds left out, white space folded, sections found by
// their headings. Used by the build tool only, never by the plugin.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sipcat::rfc {

// Runs of white space become one space, trimmed at both ends. A space after a
// '-' is dropped: RFCs break lines after the hyphen of "non-INVITE", and the
// same rule on both sides keeps every exact quote matching.
std::string fold(std::string_view text);

// The RFC's Abstract (its heading at column 0, up to "Status of This Memo"),
// citable as "§Abstract": the only text at hand for RFCs not in the folder.
inline constexpr std::string_view kAbstract = "Abstract";

// "21.4.24", "7", "A", "B.1", "Abstract": what may follow '§' in a basis line.
bool is_section_id(std::string_view id);

struct Section {
    std::string id;     // "21.4.24"
    int depth = 0;      // 3 for "21.4.24", 1 for "A"
    int line = 0;       // of the heading, in the raw text
    size_t begin = 0;   // range in the folded text: the heading up to the next
    size_t end = 0;     // heading of the same or a higher level (subsections inside)
};

class Document {
public:
    // Never fails: a text with no headings simply has no sections.
    explicit Document(std::string_view raw);

    const std::string &text() const { return text_; }  // folded, see fold()
    const std::vector<Section> &sections() const { return sections_; }
    const Section *section(std::string_view id) const;  // first heading with that id
    std::string_view text_of(const Section &s) const;
    // The innermost section whose range holds `offset`, or null (front matter).
    const Section *section_at(size_t offset) const;

private:
    std::string text_;
    std::vector<Section> sections_;
};

}  // namespace sipcat::rfc
