// A page's refusal as render and check print it.
#include "cli/page_refusal.hpp"

namespace citemap {

std::string page_refusal(const Project& p, const std::string& asked, const Error& e) {
    return "citemap: " + Error({p.spec.file.string(), 0, 0, asked}, e.message(), e.hint()).format() + "\n";
}

} // namespace citemap
