crate::declare_rule! {
    /// YAML aliases expand to more nodes than hotc's budget allows.
    ///
    /// ## Why is this bad?
    /// Each alias copies its anchored value; nested aliases multiply
    /// ("billion laughs"). Heat expands them all when it sends the template as
    /// JSON, which exhausts memory. hotc stops expanding at 250,000 nodes, reads
    /// further aliases as null and reports where the budget ran out.
    pub static ALIAS_EXPANSION_LIMIT = ("H006", "alias-expansion-limit", Error);
}
