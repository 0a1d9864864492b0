// Pass: shared definitions (`define`). Which names each file sees (its own definitions and those
// of the files it imports), clashes between them, sets of one kind of value, and each
// condition's body, checked once here; a rule that uses a condition resolves its body again in
// the rule, with its problems already reported here.
#include "ast/expr_text.h"
#include "checker/checker.h"

namespace recallguard::checker {
namespace {

std::string where(const ast::Definition& definition) {
    return definition.location.file + ":" + std::to_string(definition.location.line);
}

const char* kind_name(ast::Literal::Kind kind) {
    switch (kind) {
        case ast::Literal::Kind::String:
            return "text";
        case ast::Literal::Kind::Date:
            return "a date";
        case ast::Literal::Kind::Int:
        case ast::Literal::Kind::Decimal:
            return "a number";
        case ast::Literal::Kind::Bool:
            return "true or false";
        default:
            return "a duration";
    }
}

bool numeric(ast::Literal::Kind kind) {
    return kind == ast::Literal::Kind::Int || kind == ast::Literal::Kind::Decimal;
}

}  // namespace

std::unique_ptr<Definitions> collect_definitions(const std::vector<std::unique_ptr<ast::RuleFile>>& files,
                                                 const schema::Catalog& catalog, DiagnosticBag& diagnostics) {
    auto definitions = std::make_unique<Definitions>();
    std::map<std::string, const ast::RuleFile*> by_key;
    for (const auto& file : files)
        if (!file->key.empty()) by_key[file->key] = file.get();

    // A file's own definitions first: a name defined twice in one file is reported there.
    for (const auto& file : files) {
        auto scope = std::make_unique<DefinitionScope>();
        for (const auto& definition : file->definitions) {
            definitions->file_of[&definition] = file.get();
            const auto [it, added] = scope->names.emplace(definition.name, &definition);
            if (!added)
                diagnostics.error(
                    DiagnosticCode::DuplicateName, definition.location,
                    "'" + definition.name + "' is already defined (" + where(*it->second) + "); choose another name",
                    static_cast<int>(definition.name.size()));
        }
        definitions->by_file[file.get()] = scope.get();
        definitions->scopes.push_back(std::move(scope));
    }
    for (const auto& file : files)
        for (const auto& definition : file->definitions)
            definitions->home[&definition] = definitions->by_file[file.get()];
    // Then what each file imports: its definitions, not those the imported file imports in turn.
    for (const auto& file : files) {
        auto* scope = const_cast<DefinitionScope*>(definitions->by_file[file.get()]);
        const std::map<std::string, const ast::Definition*> own = scope->names;
        for (size_t i = 0; i < file->import_keys.size() && i < file->imports.size(); ++i) {
            const auto imported = by_key.find(file->import_keys[i]);
            if (imported == by_key.end() || imported->second == file.get()) continue;
            for (const auto& definition : imported->second->definitions) {
                const auto [it, added] = scope->names.emplace(definition.name, &definition);
                if (added || it->second == &definition) continue;
                diagnostics.error(DiagnosticCode::DuplicateName, file->imports[i].second,
                                  "this import brings '" + definition.name + "' (" + where(definition) +
                                      "), which this file already sees (" + where(*it->second) +
                                      "); rename one of them",
                                  6);
            }
        }
    }

    for (const auto& file : files) {
        for (const auto& definition : file->definitions) {
            DiagnosticBag found;
            if (definition.kind == ast::Definition::Kind::Set) {
                const ast::Literal& first = definition.values.front();
                for (const auto& value : definition.values) {
                    const bool allowed = numeric(value.kind) || value.kind == ast::Literal::Kind::String ||
                                         value.kind == ast::Literal::Kind::Date;
                    const bool same = value.kind == first.kind || (numeric(value.kind) && numeric(first.kind));
                    if (allowed && same) continue;
                    found.error(
                        DiagnosticCode::Type, value.location,
                        allowed ? std::string("a set holds values of one kind: this is ") + kind_name(value.kind) +
                                      ", the first is " + kind_name(first.kind)
                                : std::string("a set holds text, numbers or dates; this is ") + kind_name(value.kind),
                        value.length);
                    break;
                }
            } else if (definition.kind == ast::Definition::Kind::Condition) {
                resolve_definition(definition, *definitions, catalog, found);
            }
            if (found.has_errors()) definitions->with_errors.insert(&definition);
            diagnostics.append(found);
        }
    }
    return definitions;
}

}  // namespace recallguard::checker
