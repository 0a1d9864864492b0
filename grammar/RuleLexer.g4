// Tokens of the recallguard rule language. Keywords are listed in one block; a keyword
// may still be used as a column name after a dot (`c.source`), see RuleParser.name.
lexer grammar RuleLexer;

// --- Keywords ---------------------------------------------------------------
PACKAGE: 'package'; IMPORT: 'import'; RULE: 'rule';
TITLE: 'title'; AUTHORITY: 'authority'; JURISDICTION: 'jurisdiction'; CALENDAR: 'calendar';
EFFECTIVE: 'effective'; FROM: 'from'; UNTIL: 'until'; SOURCE: 'source';
CITE: 'cite'; CATEGORY: 'category'; SEVERITY: 'severity'; DESCRIPTION: 'description';
PARAM: 'param'; FOR: 'for'; IN: 'in'; WHERE: 'where'; LET: 'let'; MESSAGE: 'message';
DEADLINE: 'deadline'; PERIODIC: 'periodic'; AFTER: 'after'; WITHIN: 'within'; REQUIRE: 'require';
DATED: 'dated'; EXTEND: 'extend'; TO: 'to'; UNLESS: 'unless'; START: 'start'; EVERY: 'every';
VIOLATION: 'violation'; SIGNAL: 'signal'; WHEN: 'when';
AND: 'and'; OR: 'or'; NOT: 'not'; IS: 'is'; KNOWN: 'known'; MISSING: 'missing'; BETWEEN: 'between';
COUNT: 'count'; EXISTS: 'exists'; NO: 'no'; SUM: 'sum'; MIN: 'min'; MAX: 'max';
EARLIEST: 'earliest'; LATEST: 'latest'; BY: 'by'; UNION: 'union'; COALESCE: 'coalesce';
AS_OF: 'as_of'; TRUE: 'true'; FALSE: 'false'; HAS: 'has';
DEFINE: 'define'; DISPLACES: 'displaces'; GROUP: 'group'; CONTAINS: 'contains'; STARTS: 'starts'; ENDS: 'ends'; WITH: 'with'; MATCHES: 'matches';
DAY: 'day' | 'days'; MONTH: 'month' | 'months'; WORKING: 'working';

// --- Literals -------------------------------------------------------------------
DATE: [0-9][0-9][0-9][0-9] '-' [0-9][0-9] '-' [0-9][0-9];
DECIMAL: [0-9]+ '.' [0-9]+;
INT: [0-9]+;
STRING: '"' (~["\\\r\n] | '\\' .)* '"';
// Rule ids are upper case with at least one hyphen: CN-CP-PLAN, SIG-FIRE-CLUSTER.
RULE_ID: [A-Z] [A-Z0-9]* ('-' [A-Z0-9]+)+;
IDENT: [a-zA-Z_] [a-zA-Z0-9_]*;

// --- Punctuation ----------------------------------------------------------------
LBRACE: '{'; RBRACE: '}'; LPAREN: '('; RPAREN: ')'; COMMA: ','; DOT: '.'; COLON: ':';
EQ: '='; NEQ: '!=' | '<>'; LE: '<='; GE: '>='; LT: '<'; GT: '>';
PLUS: '+'; MINUS: '-'; STAR: '*'; SLASH: '/';

// --- Skipped ----------------------------------------------------------------------
LINE_COMMENT: '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
WS: [ \t\r\n\u000C]+ -> skip;
// Anything else is one bad character; the parser reports it with its location.
UNKNOWN_CHAR: .;
