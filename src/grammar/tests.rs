use super::syntax::{Item, parse_file};
use super::*;

/// A minimal valid version, to append to function definitions.
const BASE: &str = "
version 2013-05-23 {
    release = Icehouse;
    sections = heat_template_version resources outputs;
    resource_keys = type properties;
    output_keys = value;
    functions = get_param;
}
";

fn error(text: &str) -> GrammarError {
    match Grammar::parse(text) {
        Ok(grammar) => panic!("expected an error, got {grammar:?}"),
        Err(error) => error,
    }
}

#[track_caller]
fn assert_error(text: &str, line: usize, column: usize, message: &str) {
    let error = error(text);
    assert_eq!(
        (error.line, error.column),
        (line, column),
        "wrong position for: {error}"
    );
    assert!(
        error.message.contains(message),
        "message {:?} does not contain {message:?}",
        error.message
    );
}

fn shape(text: &str) -> Shape {
    let source = format!("function f = {text};");
    match parse_file(&source) {
        Ok(items) => match items.into_iter().next() {
            Some(Item::Function(def)) => def.shape,
            other => panic!("not a function definition: {other:?}"),
        },
        Err(e) => panic!("{text}: {} at byte {}", e.message, e.offset),
    }
}

fn any_list(min: usize, max: Option<usize>, items: Vec<Shape>, rest: Option<Shape>) -> Shape {
    Shape::List {
        min,
        max,
        items,
        rest: rest.map(Box::new),
    }
}

#[test]
fn shapes_parse_into_their_structure() {
    assert_eq!(shape("any"), Shape::Any);
    assert_eq!(
        shape("[any, string?, integer*]"),
        any_list(
            1,
            None,
            vec![Shape::Any, Shape::String],
            Some(Shape::Integer)
        )
    );
    assert_eq!(
        shape("[any, any]"),
        any_list(2, Some(2), vec![Shape::Any, Shape::Any], None)
    );
    assert_eq!(shape("[]"), any_list(0, Some(0), vec![], None));
    assert_eq!(shape("list"), any_list(0, None, vec![], Some(Shape::Any)));
    assert_eq!(
        shape("{a: any, b?: map, ...}"),
        Shape::Map {
            keys: vec![
                MapKey {
                    name: "a".into(),
                    required: true,
                    shape: Shape::Any
                },
                MapKey {
                    name: "b".into(),
                    required: false,
                    shape: Shape::Map {
                        keys: vec![],
                        others: true
                    }
                },
            ],
            others: true,
        }
    );
    // `literal` binds tighter than `|`.
    assert_eq!(
        shape("literal string | integer"),
        Shape::OneOf(vec![
            Shape::Literal(Box::new(Shape::String)),
            Shape::Integer
        ])
    );
    assert_eq!(
        shape("literal (string | boolean)"),
        Shape::Literal(Box::new(Shape::OneOf(vec![Shape::String, Shape::Boolean])))
    );
    assert!(!shape("literal any").accepts_call());
    assert!(shape("[literal any]").accepts_call());
}

#[test]
fn shapes_print_back_in_the_file_syntax() {
    let mut shapes: Vec<Shape> = Grammar::builtin()
        .versions
        .iter()
        .flat_map(|v| v.functions.iter().chain(&v.condition_function_specs))
        .map(|f| f.args.clone())
        .collect();
    shapes.extend([
        shape("[any, string?, integer*]"),
        shape("literal (string | [any]) | {}"),
        shape("{a?: literal boolean, ...}"),
    ]);
    for original in shapes {
        let printed = original.to_string();
        assert_eq!(shape(&printed), original, "printed as {printed}");
    }
    assert_eq!(
        shape("literal ( [ any , any* ]|string )").to_string(),
        "literal ([any, any*] | string)"
    );
}

#[test]
fn messages_keep_escapes_or_text_verbatim() {
    let text = format!(
        "function f = any message \"a \\\"b\\\"\\n\\\\c\";\n\
         function g = any message `x \\n \"y\"`;\n\
         {BASE}"
    );
    let items = parse_file(&text).map_err(|e| e.message);
    let Ok(items) = items else {
        panic!("{items:?}");
    };
    let messages: Vec<Option<String>> = items
        .iter()
        .filter_map(|item| match item {
            Item::Function(def) => Some(def.message.clone()),
            Item::Version(_) => None,
        })
        .collect();
    assert_eq!(
        messages,
        vec![
            Some("a \"b\"\n\\c".to_string()),
            Some("x \\n \"y\"".to_string())
        ]
    );
}

#[test]
fn syntax_errors_point_at_the_offending_token() {
    assert_error(
        "# comment\nfunctoin x = any;",
        2,
        1,
        "expected `function` or `version`, found `functoin`",
    );
    assert_error(
        "function x = any\nfunction y = any;",
        2,
        1,
        "expected `;` or `message` after the shape, found `function`",
    );
    assert_error(
        "function x = [any, strin];",
        1,
        20,
        "expected a shape (any, string, integer, boolean, map, list, literal, [...], {...} or (...)), found `strin`",
    );
    assert_error(
        "function x = [any?, any];",
        1,
        21,
        "a required item cannot follow an optional one",
    );
    assert_error(
        "function x = [any*, any];",
        1,
        21,
        "an item marked `*` must be the last item of a list",
    );
    assert_error(
        "function x = [any any];",
        1,
        19,
        "expected `,` or `]` in a list shape, found `any`",
    );
    assert_error(
        "function x = {a any};",
        1,
        17,
        "expected `:` after the key name, found `any`",
    );
    assert_error(
        "function x = {a: any, a: any};",
        1,
        23,
        "key `a` appears twice",
    );
    assert_error(
        "function x = {..., a: any};",
        1,
        20,
        "`...` must be the last entry",
    );
    assert_error(
        "function x = (any;",
        1,
        18,
        "expected `)` to close `(`, found `;`",
    );
    assert_error(
        "function x = any message `abc;\n",
        1,
        26,
        "this message is not closed",
    );
    assert_error(
        "function x = any message \"a\\tb\";",
        1,
        28,
        "unknown escape",
    );
    assert_error(
        "function x/ = any;",
        1,
        10,
        "a variant is a letter or word after `/`",
    );
    assert_error(
        "function x",
        1,
        11,
        "expected `=` after the function name, found end of file",
    );
    // Columns count characters, not bytes.
    assert_error(
        "function x = any message `ü` oops;",
        1,
        30,
        "expected `;` at the end of the function definition, found `oops`",
    );
}

#[test]
fn version_syntax_errors_point_at_the_offending_token() {
    assert_error(
        "version 2016-1-14 {}",
        1,
        9,
        "expected a version date (YYYY-MM-DD), found `2016-1-14`",
    );
    assert_error(
        "version 2016-10-14 extend 2016-04-08 {}",
        1,
        20,
        "expected `{` or `extends` after the version date, found `extend`",
    );
    assert_error(
        "version 2016-10-14 {\n    release Newton;\n}",
        2,
        13,
        "expected `=`, `+=` or `-=` after `release`, found `Newton`",
    );
    assert_error(
        "version 2016-10-14 {\n    release = Newton\n}",
        3,
        1,
        "expected a word or `;` in the values of `release`, found `}`",
    );
    assert_error(
        "version 2016-10-14 {\n    release = Newton;\n",
        3,
        1,
        "expected `}` to close version 2016-10-14 (line 1), found end of file",
    );
}

#[test]
fn meaning_errors_point_at_the_offending_word() {
    let with = |body: &str| format!("function get_param = any;\n{BASE}{body}");
    // BASE starts on line 2 of `with`'s text and ends on line 9.
    assert_error(
        &with("version 2014-10-16 extends 2013-05-23 {\n    releas = Juno;\n}"),
        11,
        5,
        "unknown field `releas`",
    );
    assert_error(
        &with("version 2014-10-16 extends 2013-05-23 {\n    sections += resources;\n}"),
        11,
        17,
        "`resources` is already in `sections`",
    );
    assert_error(
        &with("version 2014-10-16 extends 2013-05-23 {\n    sections -= conditions;\n}"),
        11,
        17,
        "`conditions` is not in `sections`, so it cannot be removed",
    );
    assert_error(
        &with("version 2014-10-16 extends 2013-05-23 {\n    sections += outputs;\n}"),
        11,
        17,
        "`outputs` is already in `sections`",
    );
    assert_error(
        &with("version 2014-10-16 extends 2013-05-23 {\n    sections += x;\n}"),
        10,
        9,
        "version 2014-10-16 has no `release = NAME;`",
    );
    assert_error(
        &with("version 2014-10-16 extends 2012-12-12 {\n    release = Juno;\n}"),
        10,
        28,
        "version 2012-12-12 is not defined above",
    );
    assert_error(
        &with(
            "version 2014-10-16 extends 2013-05-23 {\n    release = Juno;\n    functions += get_attr/b;\n}",
        ),
        12,
        18,
        "function `get_attr/b` has no definition",
    );
    assert_error(
        &with(
            "version 2014-10-16 extends 2013-05-23 {\n    release = Juno;\n    removed += Ref;\n}",
        ),
        12,
        16,
        "`Ref` is in `removed` of version 2014-10-16 but not in its `functions`",
    );
    assert_error(
        &with(
            "version 2014-10-16 extends 2013-05-23 {\n    release = Juno;\n    flags = if_allows_three_arguments;\n}",
        ),
        12,
        13,
        "unknown flag `if_allows_three_arguments`",
    );
    assert_error(
        &with("version 2012-12-12 {\n    release = Old;\n}"),
        10,
        9,
        "versions must be listed oldest first: 2012-12-12 comes after 2013-05-23",
    );
    assert_error(
        &with("version 2013-05-23 {\n    release = Again;\n}"),
        10,
        9,
        "version 2013-05-23 is defined twice (first on line 3)",
    );
    assert_error(
        &with(
            "version 2014-10-16 extends 2013-05-23 {\n    release = Juno;\n    literal_fields = resources.*.depends_on;\n}",
        ),
        12,
        22,
        "location `resources.*.depends_on`: `depends_on` is not in `resource_keys`",
    );
    assert_error(
        &with(
            "version 2014-10-16 extends 2013-05-23 {\n    release = Juno;\n    literal_fields = resources.*.type;\n    function_fields = resources.*.type;\n}",
        ),
        13,
        23,
        "location `resources.*.type` is in both `literal_fields` and `function_fields`",
    );
    assert_error(
        &with(
            "version 2014-10-16 extends 2013-05-23 {\n    release = Juno;\n    literal_fields = resources.type;\n}",
        ),
        12,
        22,
        "`resources.type` is not a location",
    );
    assert_error(
        &with(
            "version 2014-10-16 extends 2013-05-23 {\n    release = Juno;\n    aliases = 2013-05-23;\n}",
        ),
        12,
        15,
        "`2013-05-23` already names a version (line 3)",
    );
    assert_error(
        "function get_param = any;\nfunction get_param = string;",
        2,
        10,
        "function `get_param` is defined twice (first on line 1)",
    );
}

#[test]
fn versions_inherit_all_but_release_and_aliases() {
    let text = "
        function get_param = any;
        function get_attr/a = literal [any, any, any*] message `short`;
        function get_attr/b = literal [any, any*];
        function Ref = any;
        function equals = literal [any, any];
        version 2013-05-23 {
            release = Icehouse;
            aliases = first;
            sections = heat_template_version resources;
            resource_keys = type;
            functions = get_param get_attr/a Ref;
            function_fields = resources.*.type;
        }
        version 2014-10-16 extends 2013-05-23 {
            release = Juno;
            functions += get_attr/b;
            removed += Ref;
            condition_functions = get_param equals;
            flags += if_allows_two_arguments;
        }
        version 2015-04-30 extends 2014-10-16 {
            release = Kilo;
            aliases = third;
            functions -= Ref;
            removed -= Ref;
        }
    ";
    let grammar = match Grammar::parse(text) {
        Ok(grammar) => grammar,
        Err(error) => panic!("{error}"),
    };
    let [first, second, third] = grammar.versions.as_slice() else {
        panic!("three versions expected");
    };
    assert_eq!(second.release, "Juno");
    assert!(second.aliases.is_empty());
    assert_eq!(third.aliases, ["third"]);
    assert_eq!(second.sections, first.sections);
    assert_eq!(
        second.evaluation("resources.*.type"),
        Some(Evaluation::Functions)
    );
    assert_eq!(second.evaluation("resources.*.properties"), None);

    let get_attr = |v: &VersionSpec| v.function("get_attr").cloned();
    assert_eq!(
        get_attr(first),
        Some(FunctionSpec {
            name: "get_attr".into(),
            status: FunctionStatus::Available,
            variant: Some("a".into()),
            args: shape("literal [any, any, any*]"),
            message: Some("short".into()),
            since: "2013-05-23".into(),
        })
    );
    let second_get_attr = get_attr(second);
    assert_eq!(
        second_get_attr.as_ref().and_then(|f| f.variant.as_deref()),
        Some("b")
    );
    assert_eq!(second_get_attr.and_then(|f| f.message), None);
    // The entry kept its place in the list when its variant changed.
    let names =
        |v: &VersionSpec| -> Vec<String> { v.functions.iter().map(|f| f.name.clone()).collect() };
    assert_eq!(names(second), ["get_param", "get_attr", "Ref"]);
    assert_eq!(names(third), ["get_param", "get_attr"]);

    let reference = second.function("Ref");
    assert_eq!(reference.map(|f| f.status), Some(FunctionStatus::Removed));
    assert_eq!(reference.map(|f| &f.args), Some(&Shape::Any));

    assert!(!first.if_allows_two_arguments);
    assert!(second.if_allows_two_arguments && third.if_allows_two_arguments);
    assert_eq!(
        second
            .condition_function("equals")
            .map(|f| f.since.as_str()),
        Some("2014-10-16")
    );
    assert_eq!(
        second
            .condition_function("get_param")
            .map(|f| f.since.as_str()),
        Some("2013-05-23")
    );
    assert!(first.condition_function("equals").is_none());

    assert_eq!(
        grammar.accepted_values(),
        ["2013-05-23", "2014-10-16", "2015-04-30", "first", "third"]
    );
    assert_eq!(
        grammar.version("first").map(|v| v.date.as_str()),
        Some("2013-05-23")
    );
    assert!(grammar.version("second").is_none());
    assert_eq!(
        grammar
            .any_version_with_function("get_attr")
            .map(|v| v.date.as_str()),
        Some("2013-05-23")
    );
    assert_eq!(
        grammar
            .any_version_with_condition_function("equals")
            .map(|v| v.date.as_str()),
        Some("2014-10-16")
    );
    assert!(grammar.any_version_with_function("equals").is_none());
}

#[test]
fn line_and_column_count_characters() {
    assert_eq!(line_column("ab\ncd", 0), (1, 1));
    assert_eq!(line_column("ab\ncd", 3), (2, 1));
    assert_eq!(line_column("ab\ncd", 5), (2, 3));
    assert_eq!(line_column("é\nüx", 5), (2, 2));
    // An offset inside a character or past the end is clamped.
    assert_eq!(line_column("é", 1), (1, 1));
    assert_eq!(line_column("ab", 99), (1, 3));
}

#[test]
fn error_display_names_line_and_column() {
    let error = error("version x {}");
    assert_eq!(
        error.to_string(),
        "1:9: expected a version date (YYYY-MM-DD), found `x`"
    );
}
