package dev.cairn.model;

/** The fix to suggest when a parameter's value has the wrong type. */
final class ParamTypeHint {
  private ParamTypeHint() {}

  static String hint(Template.ParamType type, Object value) {
    if (type == Template.ParamType.STRING
        && !(value instanceof java.util.List<?>)
        && !(value instanceof java.util.Map<?, ?>)) {
      return "; quote it to make it a string";
    }
    if (type == Template.ParamType.INT && value instanceof String s && s.matches("-?[0-9]+")) {
      return "; write it without quotes to make it an integer";
    }
    if (type == Template.ParamType.BOOL && value instanceof String s && s.matches("true|false")) {
      return "; write it without quotes to make it a boolean";
    }
    return "";
  }
}
