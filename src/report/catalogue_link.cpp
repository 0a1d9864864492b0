#include "report/catalogue_link.h"

namespace recallguard::report {

std::string anchor_id(const std::string& prefix, const std::string& name) {
    std::string out = prefix;
    for (char ch : name) {
        const bool plain =
            (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-';
        out += plain ? ch : '-';
    }
    return out;
}

std::string catalogue_entry_url(const std::string& catalogue_url, const std::string& rule_key) {
    return catalogue_url.substr(0, catalogue_url.find('#')) + "#" + anchor_id("rule-", rule_key);
}

bool is_web_url(const std::string& url) {
    size_t host = 0;
    if (url.rfind("https://", 0) == 0)
        host = 8;
    else if (url.rfind("http://", 0) == 0)
        host = 7;
    else
        return false;
    if (url.size() <= host || url[host] == '/') return false;
    for (unsigned char c : url)
        if (c <= 0x20 || c == 0x7f) return false;
    return true;
}

}  // namespace recallguard::report
