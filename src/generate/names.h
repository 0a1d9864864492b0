// Plausible names for synthetic companies, brands and models (pure functions of the generator).
#pragma once

#include <string>

#include "generate/prng.h"

namespace recallguard::generate {

// A company name in the style of its country (Chinese names in Chinese script).
std::string company_name(Prng& rng, const std::string& country);
std::string brand_name(Prng& rng);
std::string model_name(Prng& rng, const std::string& category);

}  // namespace recallguard::generate
