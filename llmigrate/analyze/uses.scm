; One pass over a file's tree: what each top-level item (function, declaration, type) names and calls.
; Captures are bucketed by byte offset into the items in analyze_parse.py.

(identifier) @id
(type_identifier) @type
(call_expression function: (_) @call)

(struct_specifier name: (type_identifier) @struct)
(union_specifier name: (type_identifier) @union)
(enum_specifier name: (type_identifier) @enum)
(struct_specifier body: (field_declaration_list)) @body
(union_specifier body: (field_declaration_list)) @body
(enum_specifier body: (enumerator_list)) @body

; Names being declared (locals, parameters, typedef names), not used.
(declaration declarator: (identifier) @decl)
(init_declarator declarator: (identifier) @decl)
(parameter_declaration declarator: (identifier) @decl)
(type_definition declarator: (type_identifier) @decl)
(pointer_declarator declarator: [(identifier) (type_identifier)] @decl)
(array_declarator declarator: [(identifier) (type_identifier)] @decl)
(function_declarator declarator: [(identifier) (type_identifier)] @decl)
(parenthesized_declarator [(identifier) (type_identifier)] @decl)
(enumerator name: (identifier) @decl)

(ERROR) @error
(MISSING) @missing

; Macros and includes wherever they are (a function may #define a helper macro inside its body).
(preproc_def) @preproc
(preproc_function_def) @preproc
(preproc_include) @preproc

; A definition inside a function body: a GNU nested function, or (with errors) a missing closing brace.
(compound_statement (function_definition) @nested)
