// ApexParser.g4 -- parser for Salesforce Apex: class/interface/enum files
// (.cls), triggers (.trigger) and anonymous scripts (.apex), with inline
// SOQL and SOSL.
//
// Entry rules: compilationUnit, triggerUnit, anonymousUnit.
//
// Written for the ANTLR 4.7.2 tool and the 4.9 C++ runtime. The parser is
// meant to run in PredictionMode::SLL with a bail-out error strategy first
// and to fall back to LL only on a syntax error, so alternatives are ordered
// such that the SLL choice is the right one for ordinary code (see the notes
// on statement, expression and creator below). Every alternative of the
// statement, expression, creator and SOQL/SOSL rules is labelled, so a
// visitor has one method per form.
//
// Operators that begin with '>' are composed from tokens because the lexer
// only ever emits a single GT for '>':
//     >=    GT ASSIGN          >>    GT GT          >>>   GT GT GT
//     >>=   GT GT ASSIGN       >>>=  GT GT GT ASSIGN
// Salesforce accepts these with whitespace between the characters
// ("a > = b", "a > > 1"), and also "a < < 1" and "a < < = 1", so the
// grammar does not ask for adjacent tokens.

parser grammar ApexParser;

options { tokenVocab = ApexLexer; }

// ===========================================================================
// Entry rules
// ===========================================================================

// A .cls file: exactly one top-level class, interface or enum.
compilationUnit
    : typeDeclaration EOF
    ;

// A .trigger file.
triggerUnit
    : TRIGGER id ON id LPAREN triggerEvent (COMMA triggerEvent)* RPAREN block EOF
    ;

triggerEvent
    : (BEFORE | AFTER) (INSERT | UPDATE | DELETE | UNDELETE)
    ;

// An anonymous script (.apex, "Execute Anonymous"): statements mixed with
// local method and local type declarations.
anonymousUnit
    : anonymousMember* EOF
    ;

// "static final Integer LIMIT_VALUE = 5;" declares a variable of the block,
// like a plain local variable declaration at the top level.
anonymousMember
    : modifier* (classDeclaration | interfaceDeclaration | enumDeclaration)   # anonymousTypeMember
    | modifier* methodDeclaration                                            # anonymousMethodMember
    | modifier+ fieldDeclaration                                             # anonymousFieldMember
    | statement                                                              # anonymousStatementMember
    ;

// ===========================================================================
// Type declarations
// ===========================================================================

typeDeclaration
    : modifier* classDeclaration          # classTypeDeclaration
    | modifier* interfaceDeclaration      # interfaceTypeDeclaration
    | modifier* enumDeclaration           # enumTypeDeclaration
    ;

classDeclaration
    : CLASS id (EXTENDS typeRef)? (IMPLEMENTS typeList)? classBody
    ;

interfaceDeclaration
    : INTERFACE id (EXTENDS typeList)? interfaceBody
    ;

enumDeclaration
    : ENUM id LBRACE (id (COMMA id)* COMMA?)? RBRACE
    ;

typeList
    : typeRef (COMMA typeRef)*
    ;

// Annotations are kept in the modifier list, in source order.
modifier
    : annotation
    | PUBLIC
    | PRIVATE
    | PROTECTED
    | GLOBAL
    | STATIC
    | FINAL
    | ABSTRACT
    | VIRTUAL
    | OVERRIDE
    | TRANSIENT
    | TESTMETHOD
    | WEBSERVICE
    | WITH SHARING
    | WITHOUT SHARING
    | INHERITED SHARING
    ;

// @isTest, @IsTest(SeeAllData=true), @RestResource(urlMapping='/x/*'),
// @InvocableMethod(label='x' description='y') -- pairs are separated by
// whitespace or by commas.
annotation
    : ATSIGN qualifiedName (LPAREN annotationArguments? RPAREN)?
    ;

annotationArguments
    : annotationPair (COMMA? annotationPair)*     # annotationPairArguments
    | annotationValue                             # annotationValueArgument
    ;

annotationPair
    : anyId ASSIGN annotationValue
    ;

annotationValue
    : literal                                                          # annotationLiteralValue
    | SUB literal                                                      # annotationNegatedValue
    | qualifiedName                                                    # annotationNameValue
    | annotation                                                       # annotationNestedValue
    | LBRACE (annotationValue (COMMA annotationValue)*)? RBRACE        # annotationArrayValue
    ;

// ---------------------------------------------------------------------------
// Class and interface bodies
// ---------------------------------------------------------------------------

classBody
    : LBRACE classBodyDeclaration* RBRACE
    ;

classBodyDeclaration
    : SEMI                                  # emptyClassMember
    | STATIC? block                         # initializerClassMember
    | modifier* memberDeclaration           # declarationClassMember
    ;

memberDeclaration
    : methodDeclaration
    | constructorDeclaration
    | fieldDeclaration
    | propertyDeclaration
    | classDeclaration
    | interfaceDeclaration
    | enumDeclaration
    ;

// A method with a body, or a signature (interface and abstract methods).
methodDeclaration
    : (typeRef | VOID) id formalParameters (block | SEMI)
    ;

constructorDeclaration
    : id formalParameters block
    ;

fieldDeclaration
    : typeRef variableDeclarators SEMI
    ;

propertyDeclaration
    : typeRef id LBRACE propertyAccessor+ RBRACE
    ;

propertyAccessor
    : modifier* GET (SEMI | block)          # getAccessor
    | modifier* SET (SEMI | block)          # setAccessor
    ;

interfaceBody
    : LBRACE interfaceMember* RBRACE
    ;

interfaceMember
    : SEMI                                  # emptyInterfaceMember
    | modifier* methodDeclaration           # methodInterfaceMember
    ;

formalParameters
    : LPAREN (formalParameter (COMMA formalParameter)*)? RPAREN
    ;

formalParameter
    : parameterModifier* typeRef id
    ;

parameterModifier
    : FINAL
    | annotation
    ;

variableDeclarators
    : variableDeclarator (COMMA variableDeclarator)*
    ;

variableDeclarator
    : name=id (ASSIGN init=expression)?
    ;

// ===========================================================================
// Types
// ===========================================================================

// Integer, System.Exception, Schema.SObjectType, Map<String, List<Id>>,
// String[], List<Integer>[]. Nested generics close with one GT per level.
// The labels on the hottest rules give the AST builder direct fields; the
// generated accessors dynamic_cast every child on each call. No typeRef is
// followed by DOT or LBRACK anywhere (the class literal spells the type
// out), so both loops here are decided by one token without prediction.
typeRef
    : parts+=typeName (DOT parts+=typeName)* (dims+=LBRACK RBRACK)*
    ;

typeName
    : name=id args=typeArguments?
    ;

typeArguments
    : LT typeRef (COMMA typeRef)* GT
    ;

arraySubscripts
    : (LBRACK RBRACK)*
    ;

qualifiedName
    : id (DOT anyId)*
    ;

// The type after instanceof: Account, Schema.Account, Map<String, Object>,
// String[]. It has the shape of typeRef but is a rule of its own on
// purpose. Whatever may follow an expression (a relational '<', '.field',
// '[i]') may follow the type of "x instanceof T"; if that were typeRef,
// SLL prediction (which merges the follow of a rule over all its call
// sites) would have to consider "List < Account > x = y;" as a chain of
// comparisons in every declaration and scan far ahead before choosing the
// generic reading.
instanceofType
    : id (DOT id)* typeArguments? arraySubscripts
    ;

// ===========================================================================
// Statements
// ===========================================================================

block
    : LBRACE statement* RBRACE
    ;

// The order matters for SLL: a local variable declaration comes before the
// expression statement, so "List<String> x = y;" (which is also a valid
// chain of comparisons) is read as a declaration; System.runAs(...) { } is
// tried before the plain expression statement System.runAs(...);
statement
    : block                                                             # blockStatement
    | localVariableDeclaration SEMI                                     # localVariableDeclarationStatement
    | IF parExpression statement (ELSE statement)?                      # ifStatement
    | FOR LPAREN FINAL? typeRef id COLON expression RPAREN statement    # forEachStatement
    | FOR LPAREN forInit? SEMI expression? SEMI forUpdate? RPAREN statement  # forStatement
    | WHILE parExpression statement                                     # whileStatement
    | DO statement WHILE parExpression SEMI                             # doWhileStatement
    | SWITCH ON expression LBRACE whenClause+ RBRACE                    # switchStatement
    | TRY block (catchClause+ finallyClause? | finallyClause)           # tryStatement
    | THROW expression SEMI                                             # throwStatement
    | RETURN expression? SEMI                                           # returnStatement
    | BREAK SEMI                                                        # breakStatement
    | CONTINUE SEMI                                                     # continueStatement
    | INSERT dmlAccessLevel? expression SEMI                            # insertStatement
    | UPDATE dmlAccessLevel? expression SEMI                            # updateStatement
    | UPSERT dmlAccessLevel? (expression | dmlOperand qualifiedName) SEMI  # upsertStatement
    | DELETE dmlAccessLevel? expression SEMI                            # deleteStatement
    | UNDELETE dmlAccessLevel? expression SEMI                          # undeleteStatement
    | MERGE dmlAccessLevel? dmlOperand expression SEMI                  # mergeStatement
    | SYSTEM DOT RUNAS LPAREN expression RPAREN block                   # runAsStatement
    | SEMI                                                              # emptyStatement
    | expression SEMI                                                   # expressionStatement
    ;

// insert as user acc;  update as system accs;  (the id is user or system)
dmlAccessLevel
    : AS id
    ;

// The record operand of "upsert records External_Id__c;" and the master
// record of "merge master duplicates;": a name, field access, call, index,
// SOQL query, new-expression or parenthesized expression. These two places
// put another operand right after the first one; using `expression` there
// would let an identifier (or any expression) follow `expression`, and
// SLL prediction, which looks at the follow of a rule from every call site
// at once, would then find "(Integer) o" ambiguous everywhere.
dmlOperand
    : dmlOperand (DOT | QUESTIONDOT) anyId arguments                    # dmlMethodCallOperand
    | dmlOperand (DOT | QUESTIONDOT) anyId                              # dmlFieldAccessOperand
    | dmlOperand LBRACK expression RBRACK                               # dmlArrayAccessOperand
    | THIS                                                              # dmlThisOperand
    | id arguments                                                      # dmlMethodCallNameOperand
    | id                                                                # dmlNameOperand
    | LBRACK soqlQuery RBRACK                                           # dmlSoqlOperand
    | LPAREN expression RPAREN                                          # dmlParenOperand
    | NEW creator                                                       # dmlNewOperand
    ;

localVariableDeclaration
    : FINAL? typeRef variableDeclarators
    ;

parExpression
    : LPAREN expression RPAREN
    ;

forInit
    : localVariableDeclaration              # forInitDeclaration
    | expressionList                        # forInitExpressions
    ;

forUpdate
    : expressionList
    ;

// switch on x { when 1, 2 {} when 'a' {} when RED, GREEN {} when Account a {}
//               when null {} when else {} }
whenClause
    : WHEN_KW whenCondition block
    ;

whenCondition
    : ELSE                                          # whenElseCondition
    | typeRef id                                    # whenTypeCondition
    | whenValue (COMMA whenValue)*                  # whenValuesCondition
    ;

whenValue
    : SUB? INTEGER_LITERAL                          # whenIntegerValue
    | SUB? LONG_LITERAL                             # whenLongValue
    | STRING_LITERAL                                # whenStringValue
    | NULL_LITERAL                                  # whenNullValue
    | id                                            # whenEnumValue
    ;

catchClause
    : CATCH LPAREN FINAL? typeRef id RPAREN block
    ;

finallyClause
    : FINALLY block
    ;

// ===========================================================================
// Expressions
// ===========================================================================
//
// Precedence, highest first (Apex operator precedence table):
//   postfix: . ?. call [] x++ x--
//   prefix : ++x --x +x -x !x ~x (Type)x
//   * / %   + -   << >> >>>   < <= > >= instanceof   == != === !== <>
//   &   ^   |   &&   ||   ??   ?: (right)   = op= (right)
//
// Primary alternatives come first. The parenthesized expression is listed
// before the cast so that the only genuinely ambiguous input, a
// parenthesized name followed by + or - ("(a) - b", "(a) + b", also
// "(a) ++ + b"), is read as a parenthesized operand of a binary/postfix
// operator, like Java. So "(Integer) -1" parses as
// "Integer - 1"; the AST builder, which knows whether the parenthesized
// name is a type, must turn it back into a cast when it is.

expression
    : literal                                                       # literalExpression
    | LBRACK soqlQuery RBRACK                                       # soqlExpression
    | LBRACK soslQuery RBRACK                                       # soslExpression
    | THIS arguments                                                # thisCallExpression
    | SUPER arguments                                               # superCallExpression
    | THIS                                                          # thisExpression
    | SUPER                                                         # superExpression
    // typeRef DOT CLASS, spelled out: see typeRef
    | parts+=typeName (DOT parts+=typeName)* (dims+=LBRACK RBRACK)* DOT CLASS
                                                                    # classLiteralExpression
    | VOID DOT CLASS                                                # voidClassLiteralExpression
    | id arguments                                                  # methodCallExpression
    | id                                                            # identifierExpression
    | LPAREN expression RPAREN                                      # parenExpression
    | NEW creator                                                   # newExpression
    // postfix
    | expression op=(DOT | QUESTIONDOT) name=anyId args=arguments   # dotMethodCallExpression
    | expression op=(DOT | QUESTIONDOT) name=anyId                  # fieldAccessExpression
    | expression LBRACK expression RBRACK                           # arrayAccessExpression
    | expression op=(INC | DEC)                                     # postIncrementExpression
    // prefix
    | op=(INC | DEC) expression                                     # preIncrementExpression
    | op=(ADD | SUB | BANG | TILDE) expression                      # unaryExpression
    | LPAREN typeRef RPAREN expression                              # castExpression
    // binary
    | expression op=(MUL | DIV | MOD) expression                    # multiplicativeExpression
    | expression op=(ADD | SUB) expression                          # additiveExpression
    | expression shiftOperator expression                           # shiftExpression
    | expression relationalOperator expression                      # relationalExpression
    | expression INSTANCEOF instanceofType                          # instanceofExpression
    | expression op=(EQUAL | NOTEQUAL | TRIPLEEQUAL | TRIPLENOTEQUAL | LESSANDGREATER) expression
                                                                    # equalityExpression
    | expression BITAND expression                                  # bitAndExpression
    | expression CARET expression                                   # bitXorExpression
    | expression BITOR expression                                   # bitOrExpression
    | expression AND_AND expression                                 # logicalAndExpression
    | expression OR_OR expression                                   # logicalOrExpression
    | expression COALESCE expression                                # coalesceExpression
    | <assoc=right> expression QUESTION expression COLON expression # ternaryExpression
    | <assoc=right> expression assignmentOperator expression        # assignmentExpression
    ;

// <<   >> (two GT)   >>> (three GT); "< <" is a shift too
shiftOperator
    : LSHIFT
    | LT LT
    | GT GT GT
    | GT GT
    ;

// <   <=   >   >= (GT then ASSIGN). "< =" is no operator.
relationalOperator
    : LT
    | LE
    | GT ASSIGN
    | GT
    ;

// >>= is GT GT ASSIGN and >>>= is GT GT GT ASSIGN; <<= may be spelled
// with spaces as well ("<< =", "< <=", "< < =").
assignmentOperator
    : ASSIGN
    | ADD_ASSIGN
    | SUB_ASSIGN
    | MUL_ASSIGN
    | DIV_ASSIGN
    | MOD_ASSIGN
    | AND_ASSIGN
    | OR_ASSIGN
    | XOR_ASSIGN
    | LSHIFT_ASSIGN
    | LSHIFT ASSIGN
    | LT LE
    | LT LT ASSIGN
    | GT GT ASSIGN
    | GT GT GT ASSIGN
    ;

arguments
    : LPAREN expressionList? RPAREN
    ;

expressionList
    : expression (COMMA expression)*
    ;

// After NEW. The sObject form new Account(Name='x', Industry='y') comes
// before the ordinary constructor call, so input that fits both,
// "new Foo(a = 1)", is read as an sObject field list. (Only the AST builder
// knows whether Foo is an sObject type; if it is not, it can treat each
// fieldInitializer as an assignment argument.)
creator
    : typeRef LPAREN fieldInitializer (COMMA fieldInitializer)* RPAREN   # sobjectCreator
    | typeRef arguments                                                  # objectCreator
    | typeName (DOT typeName)* LBRACK expression RBRACK                  # arrayCreator
    | typeRef LBRACE mapEntry (COMMA mapEntry)* RBRACE                   # mapInitCreator
    | typeRef LBRACE expressionList? RBRACE                              # collectionInitCreator
    ;

fieldInitializer
    : anyId ASSIGN expression
    ;

mapEntry
    : expression MAPTO expression
    ;

literal
    : INTEGER_LITERAL                       # integerLiteral
    | LONG_LITERAL                          # longLiteral
    | DECIMAL_LITERAL                       # decimalLiteral
    | DOUBLE_LITERAL                        # doubleLiteral
    | STRING_LITERAL                        # stringLiteral
    | (TRUE_LITERAL | FALSE_LITERAL)        # booleanLiteral
    | NULL_LITERAL                          # nullLiteral
    ;

// ===========================================================================
// Inline SOQL:  [SELECT ... FROM ... WHERE ... ]
// ===========================================================================

soqlQuery
    : SELECT soqlSelectList
      FROM soqlFromList
      soqlUsingScope?
      soqlWhereClause?
      soqlWithClause?
      soqlGroupByClause?
      soqlHavingClause?
      soqlOrderByClause?
      soqlLimitClause?
      soqlOffsetClause?
      soqlForViewClause?
      soqlUpdateClause?
      soqlForUpdateClause?
      soqlAllRowsClause?
    ;

soqlSelectList
    : soqlSelectItem (COMMA soqlSelectItem)*
    ;

soqlSelectItem
    : LPAREN soqlQuery RPAREN                           # soqlSubquerySelectItem
    | soqlTypeOf                                        # soqlTypeOfSelectItem
    | FIELDS LPAREN (ALL | soqlName) RPAREN             # soqlFieldsSelectItem
    | soqlFunctionCall soqlAlias?                       # soqlFunctionSelectItem
    | soqlFieldPath soqlAlias?                          # soqlFieldSelectItem
    ;

// TYPEOF What WHEN Account THEN Phone, Name WHEN Opportunity THEN Amount
//             ELSE Name END
soqlTypeOf
    : TYPEOF soqlFieldPath soqlTypeOfWhen+ (ELSE soqlFieldList)? END
    ;

soqlTypeOfWhen
    : WHEN_KW soqlName THEN_KW soqlFieldList
    ;

soqlFieldList
    : soqlFieldPath (COMMA soqlFieldPath)*
    ;

// Id, Owner.Name, Account.Owner.Profile.Name
soqlFieldPath
    : soqlName (DOT soqlName)*
    ;

// COUNT(), COUNT(Id), toLabel(Status), FORMAT(Amount), CALENDAR_YEAR(d),
// DISTANCE(Loc__c, GEOLOCATION(37.7, -122.4), 'mi')
soqlFunctionCall
    : soqlName LPAREN (soqlFunctionArgument (COMMA soqlFunctionArgument)*)? RPAREN
    ;

soqlFunctionArgument
    : soqlFunctionCall                                  # soqlFunctionCallArgument
    | soqlFieldPath                                     # soqlFieldArgument
    | soqlLiteral                                       # soqlLiteralArgument
    ;

// An alias cannot be a SOQL word (FROM Account WHERE ... has no alias).
soqlAlias
    : IDENTIFIER
    | soqlApexWord
    ;

soqlFromList
    : soqlFromItem (COMMA soqlFromItem)*
    ;

// FROM Account a  /  FROM Contacts (in a subquery)  /  FROM Contact c, c.Account a
// FIELDS names an object or relationship there too: the child relationship
// of EntityDefinition in "(SELECT DeveloperName FROM Fields)".
soqlFromItem
    : soqlFieldPath soqlAlias?
    | FIELDS soqlAlias?
    ;

soqlUsingScope
    : USING SCOPE soqlName
    ;

soqlWhereClause
    : WHERE soqlCondition
    ;

// AND binds tighter than OR (SOQL itself requires parentheses when they are
// mixed; the parse tree keeps them either way).
soqlCondition
    : NOT soqlCondition                                 # soqlNotCondition
    | soqlCondition AND soqlCondition                   # soqlAndCondition
    | soqlCondition OR soqlCondition                    # soqlOrCondition
    | LPAREN soqlCondition RPAREN                       # soqlParenCondition
    | soqlOperand soqlComparisonOperator soqlValue      # soqlComparisonCondition
    ;

soqlOperand
    : soqlFunctionCall                                  # soqlFunctionOperand
    | soqlFieldPath                                     # soqlFieldOperand
    ;

// = != <> < <= > >= (GT ASSIGN, adjacent) LIKE IN NOT IN INCLUDES EXCLUDES
soqlComparisonOperator
    : ASSIGN
    | NOTEQUAL
    | LESSANDGREATER
    | LT
    | LE
    | GT ASSIGN
    | GT
    | LIKE
    | IN
    | NOT IN
    | INCLUDES
    | EXCLUDES
    ;

soqlValue
    : soqlLiteral                                       # soqlLiteralValue
    | COLON expression                                  # soqlBindValue
    | LPAREN soqlQuery RPAREN                           # soqlSubqueryValue
    | LPAREN soqlValue (COMMA soqlValue)* RPAREN        # soqlValueList
    | soqlName COLON SUB? INTEGER_LITERAL               # soqlDateFormulaValue
    | soqlName                                          # soqlNamedValue
    ;

// Date literals with a parameter are soqlDateFormulaValue (LAST_N_DAYS:30);
// plain date literals and currency literals (TODAY, USD100) are
// soqlNamedValue.
soqlLiteral
    : SUB? INTEGER_LITERAL                              # soqlIntegerLiteral
    | SUB? LONG_LITERAL                                 # soqlLongLiteral
    | SUB? (DECIMAL_LITERAL | DOUBLE_LITERAL)           # soqlDecimalLiteral
    | STRING_LITERAL                                    # soqlStringLiteral
    | (TRUE_LITERAL | FALSE_LITERAL)                    # soqlBooleanLiteral
    | NULL_LITERAL                                      # soqlNullLiteral
    | DATE_LITERAL                                      # soqlDateLiteral
    | DATETIME_LITERAL                                  # soqlDateTimeLiteral
    ;

soqlWithClause
    : WITH SECURITY_ENFORCED                                            # soqlWithSecurityEnforced
    | WITH USER_MODE                                                    # soqlWithUserMode
    | WITH SYSTEM_MODE                                                  # soqlWithSystemMode
    | WITH DATA CATEGORY soqlDataCategoryFilter (AND soqlDataCategoryFilter)*  # soqlWithDataCategory
    ;

// Geography__c AT usa__c,  Product__c ABOVE_OR_BELOW (a__c, b__c)
soqlDataCategoryFilter
    : soqlName (AT | ABOVE | BELOW | ABOVE_OR_BELOW)
      ( soqlName | LPAREN soqlName (COMMA soqlName)* RPAREN )
    ;

soqlGroupByClause
    : GROUP BY ROLLUP LPAREN soqlFieldList RPAREN                       # soqlGroupByRollup
    | GROUP BY CUBE LPAREN soqlFieldList RPAREN                         # soqlGroupByCube
    | GROUP BY soqlOperand (COMMA soqlOperand)*                         # soqlGroupByList
    ;

soqlHavingClause
    : HAVING soqlCondition
    ;

soqlOrderByClause
    : ORDER BY soqlOrderByItem (COMMA soqlOrderByItem)*
    ;

soqlOrderByItem
    : soqlOperand (ASC | DESC)? (NULLS (FIRST | LAST))?
    ;

soqlLimitClause
    : LIMIT soqlIntegerValue
    ;

soqlOffsetClause
    : OFFSET soqlIntegerValue
    ;

soqlIntegerValue
    : INTEGER_LITERAL                                   # soqlIntegerConstant
    | COLON expression                                  # soqlIntegerBind
    ;

soqlForViewClause
    : FOR VIEW                                          # soqlForView
    | FOR REFERENCE                                     # soqlForReference
    ;

soqlUpdateClause
    : UPDATE TRACKING                                   # soqlUpdateTracking
    | UPDATE VIEWSTAT                                   # soqlUpdateViewstat
    ;

soqlForUpdateClause
    : FOR UPDATE
    ;

soqlAllRowsClause
    : ALL ROWS
    ;

// ===========================================================================
// Inline SOSL:  [FIND 'acme*' IN ALL FIELDS RETURNING Account(Id, Name), Contact]
// ===========================================================================

soslQuery
    : FIND soslSearchTerm
      soslInClause?
      soslReturningClause?
      soslWithClause*
      soqlLimitClause?
      soqlUpdateClause?
    ;

soslSearchTerm
    : STRING_LITERAL                                    # soslLiteralSearchTerm
    | COLON expression                                  # soslBindSearchTerm
    ;

// IN ALL FIELDS / NAME FIELDS / EMAIL FIELDS / PHONE FIELDS / SIDEBAR FIELDS
soslInClause
    : IN (ALL | soqlName) FIELDS
    ;

soslReturningClause
    : RETURNING soslReturningObject (COMMA soslReturningObject)*
    ;

// Account(Id, Name WHERE Industry = 'x' ORDER BY Name LIMIT 5)
soslReturningObject
    : soqlName
      ( LPAREN soqlSelectList
          soqlUsingScope?
          soqlWhereClause?
          soqlOrderByClause?
          soqlLimitClause?
          soqlOffsetClause?
        RPAREN )?
    ;

// WITH DIVISION = 'x', WITH SNIPPET (target_length=120), WITH HIGHLIGHT,
// WITH NETWORK IN ('a'), WITH SPELL_CORRECTION = false, WITH USER_MODE, ...
soslWithClause
    : WITH DATA CATEGORY soqlDataCategoryFilter (AND soqlDataCategoryFilter)*   # soslWithDataCategory
    | WITH soqlName soslWithValue?                                              # soslWithOption
    ;

soslWithValue
    : ASSIGN soqlValue                                  # soslWithAssignValue
    | IN soqlValue                                      # soslWithInValue
    | LPAREN soqlName ASSIGN soqlValue RPAREN           # soslWithParenValue
    ;

// ===========================================================================
// Names
// ===========================================================================

// An identifier in Apex code: a plain IDENTIFIER or a soft keyword.
id
    : IDENTIFIER
    | apexSoftKeyword
    | soqlSoftKeyword
    ;

// Words that Apex lets you use as names although they mean something in
// some context (property accessors, sharing modifiers, triggers, switch).
apexSoftKeyword
    : AFTER
    | BEFORE
    | GET
    | INHERITED
    | ON
    | RUNAS
    | SET
    | SHARING
    | SYSTEM
    | TRIGGER
    | WHEN_KW
    | WITH
    | WITHOUT
    ;

// The Apex soft keywords that mean nothing in SOQL (not WITH, not WHEN).
soqlApexWord
    : AFTER
    | BEFORE
    | GET
    | INHERITED
    | ON
    | RUNAS
    | SET
    | SHARING
    | SYSTEM
    | TRIGGER
    | WITHOUT
    ;

// SOQL/SOSL words: keywords inside [ ... ], ordinary names outside.
soqlSoftKeyword
    : ABOVE | ABOVE_OR_BELOW | ALL | AND | ASC | AT | BELOW | BY | CATEGORY
    | CUBE | DATA | DESC | END | EXCLUDES | FIELDS | FIND | FIRST | FROM
    | GROUP | HAVING | IN | INCLUDES | LAST | LIKE | LIMIT | NOT | NULLS
    | OFFSET | OR | ORDER | REFERENCE | RETURNING | ROLLUP | ROWS | SCOPE
    | SECURITY_ENFORCED | SELECT | SYSTEM_MODE | THEN_KW | TRACKING | TYPEOF
    | USER_MODE | USING | VIEW | VIEWSTAT | WHERE
    ;

// Any word, used after '.', for sObject field initializers and annotation
// keys: Database.insert(...), Trigger.new, x.get(k), Schema.SObjectType.
// Only CLASS is left out, so that Foo.class is a class literal.
anyId
    : id
    | ABSTRACT | AS | BREAK | CATCH | CONTINUE | DELETE | DO | ELSE | ENUM
    | EXTENDS | FALSE_LITERAL | FINAL | FINALLY | FOR | GLOBAL | IF
    | IMPLEMENTS | INSERT | INSTANCEOF | INTERFACE | MERGE | NEW
    | NULL_LITERAL | OVERRIDE | PRIVATE | PROTECTED | PUBLIC | RETURN
    | STATIC | SUPER | SWITCH | TESTMETHOD | THIS | THROW | TRANSIENT
    | TRUE_LITERAL | TRY | UNDELETE | UPDATE | UPSERT | VIRTUAL | VOID
    | WEBSERVICE | WHILE
    ;

// A name inside SOQL/SOSL (field, relationship, object, function, date
// literal, data category). It leaves out the words that would make a SOQL
// clause ambiguous (FROM, WHERE, NOT, IN, TYPEOF, FIELDS, ...) but keeps the
// object names Order and Group.
soqlName
    : IDENTIFIER
    | soqlApexWord
    | ABOVE | ABOVE_OR_BELOW | AT | BELOW | CATEGORY | DATA | FIRST | GROUP
    | LAST | ORDER | REFERENCE | ROWS | SCOPE | SECURITY_ENFORCED
    | SYSTEM_MODE | TRACKING | USER_MODE | VIEW | VIEWSTAT
    ;
