// Syntax of the recallguard rule language. Actions only build nothing: the transformer
// (src/parser/transform_*.cpp) turns the labelled alternatives into the AST.
parser grammar RuleParser;

options { tokenVocab = RuleLexer; }

ruleFile: topLevel* EOF;

topLevel
    : packageDecl                                          # TopPackage
    | IMPORT STRING                                        # TopImport
    | ruleDecl                                             # TopRule
    | definition                                           # TopDefinition
    ;

// Shared definitions, visible in their file and in every file that imports it: a constant, a
// set of values (`x in eu_member_states`), a named condition over a row (`c.product is
// cn_consumer_product`).
definition
    : DEFINE name EQ literal                               # DefineConstant
    | DEFINE name EQ valueList                             # DefineSet
    | DEFINE name FOR name IN name WHERE expr              # DefineCondition
    ;

valueList: LPAREN literal (COMMA literal)* RPAREN;

packageDecl: PACKAGE qualifiedName LBRACE packageClause* RBRACE;

qualifiedName: name (DOT name)*;

packageClause
    : TITLE STRING                                         # PackageTitle
    | AUTHORITY STRING                                     # PackageAuthority
    | JURISDICTION STRING                                  # PackageJurisdiction
    | CALENDAR IDENT                                       # PackageCalendar
    | EFFECTIVE effectivePeriod                            # PackageEffective
    | SOURCE STRING                                        # PackageSource
    ;

effectivePeriod
    : FROM from=DATE (UNTIL until=DATE)?
    | UNTIL until=DATE
    ;

ruleDecl: RULE RULE_ID LBRACE ruleClause* RBRACE;

ruleClause
    : TITLE STRING                                         # RuleTitle
    | CITE STRING                                          # RuleCite
    | CATEGORY name                                        # RuleCategory
    | SEVERITY IDENT                                       # RuleSeverity
    | DESCRIPTION STRING                                   # RuleDescription
    | EFFECTIVE effectivePeriod                            # RuleEffective
    | CALENDAR IDENT                                       # RuleCalendar
    | PARAM name EQ (literal | valueList)                  # RuleParam
    | FOR name IN name (WHERE expr)?                       # RuleSubject
    | LET name EQ expr                                     # RuleLet
    | GROUP BY groupKey (COMMA groupKey)*                  # RuleGroup
    | DEADLINE LBRACE deadlineClause* RBRACE               # RuleDeadline
    | PERIODIC LBRACE periodicClause* RBRACE               # RulePeriodic
    | VIOLATION WHEN condition=expr (DATED dated=expr)?    # RuleViolation
    | SIGNAL WHEN condition=expr (DATED dated=expr)?       # RuleSignal
    | MESSAGE STRING                                       # RuleMessage
    | UNLESS expr                                          # RuleUnless
    | DISPLACES RULE_ID (COMMA RULE_ID)*                   # RuleDisplaces
    ;

// `group by company = i.product.company_id`: a named value of the subject row; the rule judges
// each group of rows with equal values.
groupKey: name EQ expr;

deadlineClause
    : AFTER expr                                           # DeadlineAfter
    | WITHIN expr                                          # DeadlineWithin
    | requirement                                          # DeadlineRequire
    | EXTEND TO expr                                       # DeadlineExtend
    | UNLESS expr                                          # DeadlineUnless
    ;

periodicClause
    : START expr                                           # PeriodicStart
    | EVERY expr                                           # PeriodicEvery
    | UNTIL expr                                           # PeriodicUntil
    | WITHIN expr                                          # PeriodicWithin
    | requirement                                          # PeriodicRequire
    ;

// The record that satisfies an obligation, and the date that counts for it.
requirement: REQUIRE name IN source (WHERE expr)? DATED expr;

source: name (DOT name)*;

expr
    : primary                                              # PrimaryExpr
    | MINUS expr                                           # Negate
    | expr op=(STAR | SLASH) expr                          # Multiplicative
    | expr op=(PLUS | MINUS) expr                          # Additive
    | expr op=(EQ | NEQ | LT | LE | GT | GE) expr          # Compare
    | expr IS KNOWN                                        # IsKnown
    | expr IS MISSING                                      # IsMissing
    | expr IS NOT? name                                    # IsDefined
    | expr HAS STRING                                      # HasField
    | expr textOp pattern=primary                          # TextMatch
    | expr NOT? IN LPAREN literal (COMMA literal)* RPAREN  # InList
    | expr NOT? IN name                                    # InSet
    | expr BETWEEN bound AND bound                         # Between
    | NOT expr                                             # Not
    | expr AND expr                                        # And
    | expr OR expr                                         # Or
    ;

primary
    : literal                                              # LiteralPrimary
    | AS_OF                                                # AsOfPrimary
    | name (DOT name)*                                     # PathPrimary
    | op=(COUNT | EXISTS | NO) LPAREN name IN source (WHERE expr)? RPAREN          # CountingAggregate
    | op=(SUM | MIN | MAX | EARLIEST | LATEST) LPAREN (value=expr FOR)? name IN source
          (WHERE where=expr)? (BY by=expr)? RPAREN                                # ValueAggregate
    | UNION LPAREN comprehension (COMMA comprehension)* RPAREN                    # UnionPrimary
    | COALESCE LPAREN expr (COMMA expr)+ RPAREN                                   # CoalescePrimary
    | LPAREN expr RPAREN                                   # ParenPrimary
    ;

// The bounds of `between` are arithmetic, so `x between a and b and c` reads as
// `(x between a and b) and c`; a bound that needs more is written in parentheses.
bound
    : primary                                              # BoundPrimary
    | MINUS bound                                          # BoundNegate
    | bound op=(STAR | SLASH) bound                        # BoundMultiplicative
    | bound op=(PLUS | MINUS) bound                        # BoundAdditive
    ;

// Text predicates (RuleParser.expr TextMatch): the text searched for is a primary.
textOp: CONTAINS | STARTS WITH | ENDS WITH | MATCHES;

// `i.occurred_on for i in p.incidents where ...`: one arm of a union of values.
comprehension: expr FOR name IN source (WHERE expr)?;

literal
    : STRING                                               # StringLiteral
    | DATE                                                 # DateLiteral
    | INT                                                  # IntLiteral
    | DECIMAL                                              # DecimalLiteral
    | MINUS (INT | DECIMAL)                                # NegativeLiteral
    | INT WORKING DAY                                      # WorkingDaysLiteral
    | INT DAY                                              # DaysLiteral
    | INT MONTH                                            # MonthsLiteral
    | (TRUE | FALSE)                                       # BoolLiteral
    ;

// Identifiers, and the keywords that are common words (soft keywords): a name in every place
// the grammar takes one (`c.source`, `for category in ...`, `let start = ...`). The words that
// structure a file or an expression (rule, for, in, where, let, param, and, or, not, is, true,
// false, between) stay reserved.
name
    : IDENT
    | SOURCE | START | KNOWN | MISSING | COUNT | MIN | MAX | SUM | FROM | TO | BY | CATEGORY
    | TITLE | DESCRIPTION | SEVERITY | AS_OF | DAY | MONTH | CALENDAR | PERIODIC | MESSAGE
    | SIGNAL | VIOLATION | WHEN | EVERY | DEADLINE | REQUIRE | WITHIN | AFTER | AUTHORITY | JURISDICTION | HAS
    | CONTAINS | STARTS | ENDS | WITH | MATCHES
    | EFFECTIVE | UNTIL | CITE | DATED | EXTEND | UNLESS | EXISTS | NO | EARLIEST | LATEST
    | UNION | COALESCE | WORKING | DISPLACES | GROUP
    ;
