// `recallguard doc RULES...`: writes the rule catalogue (Markdown or one HTML page) for publication.
#include <iostream>

#include "cli/command.h"
#include "cli/output_file.h"
#include "cli/rule_input.h"
#include "common/errors.h"
#include "doc/catalogue.h"
#include "engine/rule_loader.h"

namespace recallguard::cli {

void add_doc_command(CLI::App& app, int& exit_code) {
    auto* doc = app.add_subcommand("doc", "Write the rule catalogue: packages and rules in words, for publication");
    static std::vector<std::string> paths;
    static std::string format = "md";
    static std::string output;
    static RuleOptions rule_options;
    doc->add_option("RULES", paths, "Rule files or folders")->required();
    doc->add_option("--format", format, "md (Markdown) or html (one self-contained page)")
        ->check(CLI::IsMember({"md", "markdown", "html"}));
    doc->add_option("-o,--output", output, "Write the catalogue to this file (whole or not at all)");
    add_rule_options(*doc, rule_options);
    doc->callback([&exit_code] {
        const auto doc_format = doc::parse_doc_format(format);
        if (!doc_format) throw InputError("unknown --format '" + format + "'");
        const auto load = load_options(paths, rule_options);
        const auto loaded = load_checked_rules(load, "no catalogue was written");
        std::vector<std::string> inputs = loaded.files;
        for (const auto& file : calendar_files(rule_options.calendars)) inputs.push_back(file);
        refuse_outputs_over_inputs({{"-o", output}}, inputs);
        const auto catalogue = doc::build_catalogue(loaded.program, paths);
        write_output(output, [&](std::ostream& out) {
            if (*doc_format == doc::DocFormat::Html)
                doc::write_html(catalogue, out);
            else
                doc::write_markdown(catalogue, out);
        });
        exit_code = kExitClean;
    });
}

}  // namespace recallguard::cli
