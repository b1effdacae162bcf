// ApexLexer.g4 -- lexer for Salesforce Apex (classes, triggers, anonymous
// scripts) including inline SOQL and SOSL.
//
// Written for the ANTLR 4.7.2 tool and the 4.9 C++ runtime.
//
// Design notes (see README.md in this directory for more):
//  * Apex is case-insensitive. ANTLR 4.7.2 has no caseInsensitive option, and
//    spelling each keyword with one-letter fragments (C L A S S) made the
//    lexer slow. Keywords are declared in a tokens block instead; words are
//    lexed as IDENTIFIER and the C++ lexer maps keyword spellings to their
//    token types (see the tokens block).
//  * Only keywords the parser needs as structure get their own token. Words
//    that Apex lets you use as names (get, set, with, sharing, on, trigger,
//    all SOQL/SOSL words, ...) are "soft" keywords: they are tokens here,
//    and the parser's `id` rule accepts them as identifiers.
//  * Nothing starting with '>' is ever more than one character long: the
//    lexer emits only GT for '>'. The parser composes >=, >>, >>>, >>= and
//    >>>= from adjacent GT / ASSIGN tokens, so a generic type such as
//    Map<String, List<Integer>> closes cleanly.
//  * Token names avoid C/C++ macro clashes (NULL, TRUE, FALSE, EOF) and
//    Catch2 v2 macros (WHEN, THEN, ...): NULL_LITERAL, WHEN_KW, THEN_KW, ...
//  * Whitespace is skipped; comments go to the HIDDEN channel.
//  * Any other character becomes an ERROR_CHAR token, so that bad input is a
//    parser syntax error (with a line number) rather than a lexer message.

lexer grammar ApexLexer;

// ---------------------------------------------------------------------------
// Keywords. No lexer rule matches them: every word is lexed by IDENTIFIER,
// and the C++ lexer (src/syntax/lexer.cpp) gives a word spelled like one of
// these tokens, in any case, that token's type instead. That is one DFA
// path for all words rather than a case-insensitive path per keyword, and
// far fewer DFA states. The spelling is the token name in lower case,
// without a _KW or _LITERAL suffix (WHEN_KW is `when`, NULL_LITERAL is
// `null`), so the names below are the keywords.
// ---------------------------------------------------------------------------

tokens {
    // Hard keywords: reserved in Apex, never accepted as a plain identifier
    // (but accepted after '.', see anyId in the parser).
    ABSTRACT, AS, BREAK, CATCH, CLASS, CONTINUE, DELETE, DO, ELSE, ENUM,
    EXTENDS, FALSE_LITERAL, FINAL, FINALLY, FOR, GLOBAL, IF, IMPLEMENTS,
    INSERT, INSTANCEOF, INTERFACE, MERGE, NEW, NULL_LITERAL, OVERRIDE,
    PRIVATE, PROTECTED, PUBLIC, RETURN, STATIC, SUPER, SWITCH, TESTMETHOD,
    THIS, THROW, TRANSIENT, TRUE_LITERAL, TRY, UNDELETE, UPDATE, UPSERT,
    VIRTUAL, VOID, WEBSERVICE, WHILE,

    // Soft keywords of Apex proper (accepted by the parser's `id` rule).
    AFTER, BEFORE, GET, INHERITED, ON, RUNAS, SET, SHARING, SYSTEM, TRIGGER,
    WHEN_KW, WITH, WITHOUT,

    // Soft keywords of SOQL and SOSL (also accepted by `id`).
    ABOVE, ABOVE_OR_BELOW, ALL, AND, ASC, AT, BELOW, BY, CATEGORY, CUBE,
    DATA, DESC, END, EXCLUDES, FIELDS, FIND, FIRST, FROM, GROUP, HAVING, IN,
    INCLUDES, LAST, LIKE, LIMIT, NOT, NULLS, OFFSET, OR, ORDER, REFERENCE,
    RETURNING, ROLLUP, ROWS, SCOPE, SECURITY_ENFORCED, SELECT, SYSTEM_MODE,
    THEN_KW, TRACKING, TYPEOF, USER_MODE, USING, VIEW, VIEWSTAT, WHERE
}

// ---------------------------------------------------------------------------
// Literals
// ---------------------------------------------------------------------------

// SOQL date and datetime literals (2024-01-31, 2024-01-31T10:00:00Z,
// 2024-01-31T10:00:00.000+05:30). They must come before the number rules.
DATETIME_LITERAL
    : DateFragment [tT] TwoDigits ':' TwoDigits ':' TwoDigits ('.' Digits)?
      ( [zZ] | [+-] TwoDigits ':'? TwoDigits )
    ;
DATE_LITERAL    : DateFragment ;

// 123L, 123l
LONG_LITERAL    : Digits [lL] ;
// 1.5d, 10D, 1.5e3d (a Double)
DOUBLE_LITERAL  : ( Digits ('.' Digits)? | '.' Digits ) Exponent? [dD] ;
// 1.10, .5, 1.5e3, 2e10 (a Decimal). Exponent and leading-dot forms are
// accepted leniently; the transformer decides what they mean.
DECIMAL_LITERAL
    : Digits '.' Digits Exponent?
    | '.' Digits Exponent?
    | Digits Exponent
    ;
INTEGER_LITERAL : Digits ;

// 'text' with escapes \n \t \r \b \f \' \" \\ \uXXXX (and \% \_ used by
// SOQL LIKE patterns), their letters in either case. A backslash takes any
// next character here, so that the AST builder can name an unknown escape
// ('\d') in its error. A raw line break ends nothing: it is an error.
STRING_LITERAL  : '\'' ( '\\' ~[\r\n] | ~['\\\r\n] )* '\'' ;

// ---------------------------------------------------------------------------
// Separators and operators
// ---------------------------------------------------------------------------

LPAREN          : '(' ;
RPAREN          : ')' ;
LBRACE          : '{' ;
RBRACE          : '}' ;
LBRACK          : '[' ;
RBRACK          : ']' ;
SEMI            : ';' ;
COMMA           : ',' ;
DOT             : '.' ;
QUESTIONDOT     : '?.' ;
ATSIGN          : '@' ;

MAPTO           : '=>' ;
TRIPLEEQUAL     : '===' ;
EQUAL           : '==' ;
ASSIGN          : '=' ;
TRIPLENOTEQUAL  : '!==' ;
NOTEQUAL        : '!=' ;
LESSANDGREATER  : '<>' ;
LSHIFT_ASSIGN   : '<<=' ;
LSHIFT          : '<<' ;
LE              : '<=' ;
LT              : '<' ;
// The only token beginning with '>'. See the header comment.
GT              : '>' ;
BANG            : '!' ;
TILDE           : '~' ;
COALESCE        : '??' ;
QUESTION        : '?' ;
COLON           : ':' ;
AND_AND         : '&&' ;
OR_OR           : '||' ;
INC             : '++' ;
DEC             : '--' ;
ADD_ASSIGN      : '+=' ;
SUB_ASSIGN      : '-=' ;
MUL_ASSIGN      : '*=' ;
DIV_ASSIGN      : '/=' ;
MOD_ASSIGN      : '%=' ;
AND_ASSIGN      : '&=' ;
OR_ASSIGN       : '|=' ;
XOR_ASSIGN      : '^=' ;
ADD             : '+' ;
SUB             : '-' ;
MUL             : '*' ;
DIV             : '/' ;
MOD             : '%' ;
BITAND          : '&' ;
BITOR           : '|' ;
CARET           : '^' ;

// ---------------------------------------------------------------------------
// Identifiers, whitespace, comments
// ---------------------------------------------------------------------------

// Apex names: letters, digits and underscores (Custom__c, ns__Obj__c).
IDENTIFIER      : [a-zA-Z_] [a-zA-Z0-9_]* ;

WS              : [ \t\r\n\f\u000B\u00A0\uFEFF]+ -> skip ;
BLOCK_COMMENT   : '/*' .*? '*/' -> channel(HIDDEN) ;
LINE_COMMENT    : '//' ~[\r\n]* -> channel(HIDDEN) ;

// Anything else (an unterminated string, '#', '$', '`', ...).
ERROR_CHAR      : . ;

// ---------------------------------------------------------------------------
// Fragments
// ---------------------------------------------------------------------------

fragment Digits         : [0-9]+ ;
fragment TwoDigits      : [0-9] [0-9] ;
fragment DateFragment   : [0-9] [0-9] [0-9] [0-9] '-' TwoDigits '-' TwoDigits ;
fragment Exponent       : [eE] [+-]? Digits ;
