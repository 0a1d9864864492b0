#include "generate/names.h"

#include <fmt/format.h>

#include <vector>

namespace recallguard::generate {
namespace {

const std::vector<std::string> kChineseCities{"深圳市", "东莞市", "宁波市", "杭州市", "广州市", "苏州市",
                                              "佛山市", "上海",   "北京",   "合肥市", "重庆市", "厦门市"};
const std::vector<std::string> kChineseWords{"华", "联", "创", "新", "达", "源", "科", "盛", "博", "安",
                                             "能", "智", "航", "德", "信", "鑫", "睿", "恒", "通", "宇"};
const std::vector<std::string> kChineseTrades{"电子科技", "新能源",   "电器", "汽车",
                                              "儿童用品", "智能科技", "实业", "数码"};
const std::vector<std::string> kLatinStems{"Volt", "Nova",  "Kin", "Aster", "Lum", "Brisk", "Terra", "Orbi",
                                           "Hale", "Quant", "Sol", "Vira",  "Zen", "Arc",   "Fjord", "Pico"};
const std::vector<std::string> kLatinEndings{"ix", "on", "era", "ora", "ex", "is", "a", "ium", "o", "ar"};
const std::vector<std::string> kEnglishWords{"Power",  "Home",   "Motion",  "Bright", "Little",
                                             "Summit", "Harbor", "Pioneer", "Crest",  "Evergreen"};
const std::vector<std::string> kGermanWords{"Technik", "Werke", "Elektro", "Fahrzeug", "Haushalt", "Spiel"};

std::string latin_word(Prng& rng) {
    return rng.pick(kLatinStems) + rng.pick(kLatinEndings);
}

}  // namespace

std::string company_name(Prng& rng, const std::string& country) {
    if (country == "CN")
        return rng.pick(kChineseCities) + rng.pick(kChineseWords) + rng.pick(kChineseWords) + rng.pick(kChineseTrades) +
               "有限公司";
    if (country == "DE") return latin_word(rng) + " " + rng.pick(kGermanWords) + " GmbH";
    if (country == "US") return rng.pick(kEnglishWords) + " " + latin_word(rng) + (rng.chance(0.5) ? " Inc." : " LLC");
    if (country == "JP") return latin_word(rng) + " Co., Ltd.";
    if (country == "KR") return latin_word(rng) + " Corporation";
    return latin_word(rng) + " Ltd";
}

std::string brand_name(Prng& rng) {
    return latin_word(rng);
}

std::string model_name(Prng& rng, const std::string& category) {
    if (category == "power_bank")
        return fmt::format("PB-{}K{}", rng.pick(std::vector<int>{5, 10, 20, 30}), rng.between(1, 99));
    if (category == "vehicle")
        return fmt::format("{} {}", latin_word(rng), rng.between(1, 9) * 100 + rng.between(0, 9) * 10);
    if (category == "childrens_product") return fmt::format("Kid{}-{}", latin_word(rng), rng.between(10, 99));
    if (category == "household_appliance") return fmt::format("HA-{}{}", rng.between(100, 999), "ABCDE"[rng.below(5)]);
    if (category == "electronics") return fmt::format("E{}-{}", rng.between(1, 9), rng.between(1000, 9999));
    return fmt::format("G-{}", rng.between(100, 9999));
}

}  // namespace recallguard::generate
