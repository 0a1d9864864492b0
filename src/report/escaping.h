// Making untrusted text safe for each output medium: valid UTF-8, XML/HTML escaping, terminal-safe text.
#pragma once

#include <string>
#include <string_view>

namespace recallguard::report {

// The text with every malformed UTF-8 sequence replaced by U+FFFD, so every output is valid UTF-8.
std::string sanitize_utf8(std::string_view text);

// Escaped for XML 1.0 / HTML element content and quoted attributes: & < > " ' become references,
// and characters XML 1.0 forbids (NUL and the other C0 controls except tab, LF, CR; U+FFFE, U+FFFF)
// are dropped, since no escape can represent them.
std::string markup_escape(std::string_view text);

// As markup_escape, and tab, LF and CR as character references: XML parsers turn raw ones in an
// attribute value into spaces, which would lose a message's line breaks.
std::string xml_attribute_escape(std::string_view text);

// Safe to print on a terminal: control characters (C0, DEL, C1 — which include ESC and CSI and so
// could move the cursor or recolour text) are shown as \n, \t, \r or \u{XX} instead of acting.
std::string terminal_safe(std::string_view text);

}  // namespace recallguard::report
