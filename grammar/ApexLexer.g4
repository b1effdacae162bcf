// ApexLexer.g4 -- lexer for Salesforce Apex (classes, triggers, anonymous
// scripts) including inline SOQL and SOSL.
//
// Written for the ANTLR 4.7.2 tool and the 4.9 C++ runtime.
//
// Design notes (see README.md in this directory for more):
//  * Apex is case-insensitive. ANTLR 4.7.2 has no caseInsensitive option, so
//    every keyword is spelled with the one-letter fragments at the end of
//    this file (CLASS : C L A S S ;).
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
// Hard keywords: reserved in Apex, never accepted as a plain identifier
// (but accepted after '.', see anyId in the parser).
// ---------------------------------------------------------------------------

ABSTRACT        : A B S T R A C T ;
AS              : A S ;
BREAK           : B R E A K ;
CATCH           : C A T C H ;
CLASS           : C L A S S ;
CONTINUE        : C O N T I N U E ;
DELETE          : D E L E T E ;
DO              : D O ;
ELSE            : E L S E ;
ENUM            : E N U M ;
EXTENDS         : E X T E N D S ;
FALSE_LITERAL   : F A L S E ;
FINAL           : F I N A L ;
FINALLY         : F I N A L L Y ;
FOR             : F O R ;
GLOBAL          : G L O B A L ;
IF              : I F ;
IMPLEMENTS      : I M P L E M E N T S ;
INSERT          : I N S E R T ;
INSTANCEOF      : I N S T A N C E O F ;
INTERFACE       : I N T E R F A C E ;
MERGE           : M E R G E ;
NEW             : N E W ;
NULL_LITERAL    : N U L L ;
OVERRIDE        : O V E R R I D E ;
PRIVATE         : P R I V A T E ;
PROTECTED       : P R O T E C T E D ;
PUBLIC          : P U B L I C ;
RETURN          : R E T U R N ;
STATIC          : S T A T I C ;
SUPER           : S U P E R ;
SWITCH          : S W I T C H ;
TESTMETHOD      : T E S T M E T H O D ;
THIS            : T H I S ;
THROW           : T H R O W ;
TRANSIENT       : T R A N S I E N T ;
TRUE_LITERAL    : T R U E ;
TRY             : T R Y ;
UNDELETE        : U N D E L E T E ;
UPDATE          : U P D A T E ;
UPSERT          : U P S E R T ;
VIRTUAL         : V I R T U A L ;
VOID            : V O I D ;
WEBSERVICE      : W E B S E R V I C E ;
WHILE           : W H I L E ;

// ---------------------------------------------------------------------------
// Soft keywords of Apex proper (accepted by the parser's `id` rule).
// ---------------------------------------------------------------------------

AFTER           : A F T E R ;
BEFORE          : B E F O R E ;
GET             : G E T ;
INHERITED       : I N H E R I T E D ;
ON              : O N ;
RUNAS           : R U N A S ;
SET             : S E T ;
SHARING         : S H A R I N G ;
SYSTEM          : S Y S T E M ;
TRIGGER         : T R I G G E R ;
WHEN_KW         : W H E N ;
WITH            : W I T H ;
WITHOUT         : W I T H O U T ;

// ---------------------------------------------------------------------------
// Soft keywords of SOQL and SOSL (also accepted by `id`).
// ---------------------------------------------------------------------------

ABOVE           : A B O V E ;
ABOVE_OR_BELOW  : A B O V E '_' O R '_' B E L O W ;
ALL             : A L L ;
AND             : A N D ;
ASC             : A S C ;
AT              : A T ;
BELOW           : B E L O W ;
BY              : B Y ;
CATEGORY        : C A T E G O R Y ;
CUBE            : C U B E ;
DATA            : D A T A ;
DESC            : D E S C ;
END             : E N D ;
EXCLUDES        : E X C L U D E S ;
FIELDS          : F I E L D S ;
FIND            : F I N D ;
FIRST           : F I R S T ;
FROM            : F R O M ;
GROUP           : G R O U P ;
HAVING          : H A V I N G ;
IN              : I N ;
INCLUDES        : I N C L U D E S ;
LAST            : L A S T ;
LIKE            : L I K E ;
LIMIT           : L I M I T ;
NOT             : N O T ;
NULLS           : N U L L S ;
OFFSET          : O F F S E T ;
OR              : O R ;
ORDER           : O R D E R ;
REFERENCE       : R E F E R E N C E ;
RETURNING       : R E T U R N I N G ;
ROLLUP          : R O L L U P ;
ROWS            : R O W S ;
SCOPE           : S C O P E ;
SECURITY_ENFORCED : S E C U R I T Y '_' E N F O R C E D ;
SELECT          : S E L E C T ;
SYSTEM_MODE     : S Y S T E M '_' M O D E ;
THEN_KW         : T H E N ;
TRACKING        : T R A C K I N G ;
TYPEOF          : T Y P E O F ;
USER_MODE       : U S E R '_' M O D E ;
USING           : U S I N G ;
VIEW            : V I E W ;
VIEWSTAT        : V I E W S T A T ;
WHERE           : W H E R E ;

// ---------------------------------------------------------------------------
// Literals
// ---------------------------------------------------------------------------

// SOQL date and datetime literals (2024-01-31, 2024-01-31T10:00:00Z,
// 2024-01-31T10:00:00.000+05:30). They must come before the number rules.
DATETIME_LITERAL
    : DateFragment T TwoDigits ':' TwoDigits ':' TwoDigits ('.' Digits)?
      ( Z | [+-] TwoDigits ':'? TwoDigits )
    ;
DATE_LITERAL    : DateFragment ;

// 123L, 123l
LONG_LITERAL    : Digits L ;
// 1.5d, 10D, 1.5e3d (a Double)
DOUBLE_LITERAL  : ( Digits ('.' Digits)? | '.' Digits ) Exponent? D ;
// 1.10, .5, 1.5e3, 2e10 (a Decimal). Exponent and leading-dot forms are
// accepted leniently; the transformer decides what they mean.
DECIMAL_LITERAL
    : Digits '.' Digits Exponent?
    | '.' Digits Exponent?
    | Digits Exponent
    ;
INTEGER_LITERAL : Digits ;

// 'text' with escapes \n \t \r \b \f \' \" \\ \uXXXX (and \% \_ used by
// SOQL LIKE patterns). A raw line break ends nothing: it is an error.
STRING_LITERAL  : '\'' ( EscapeSequence | ~['\\\r\n] )* '\'' ;

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
fragment Exponent       : E [+-]? Digits ;
fragment HexDigit       : [0-9a-fA-F] ;
fragment EscapeSequence
    : '\\' [btnfr"'\\%_]
    | '\\' U HexDigit HexDigit HexDigit HexDigit
    ;

fragment A : [aA] ;
fragment B : [bB] ;
fragment C : [cC] ;
fragment D : [dD] ;
fragment E : [eE] ;
fragment F : [fF] ;
fragment G : [gG] ;
fragment H : [hH] ;
fragment I : [iI] ;
fragment J : [jJ] ;
fragment K : [kK] ;
fragment L : [lL] ;
fragment M : [mM] ;
fragment N : [nN] ;
fragment O : [oO] ;
fragment P : [pP] ;
fragment Q : [qQ] ;
fragment R : [rR] ;
fragment S : [sS] ;
fragment T : [tT] ;
fragment U : [uU] ;
fragment V : [vV] ;
fragment W : [wW] ;
fragment X : [xX] ;
fragment Y : [yY] ;
fragment Z : [zZ] ;
