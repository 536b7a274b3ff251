import { type ActionProps, ValueSelector, type ValueSelectorProps } from 'react-querybuilder';

/** "rule 2", "rule 1.3" (a rule inside a group), "the top group" — where a control sits in the audience. */
const place = (path: number[], what: 'rule' | 'group') =>
  path.length === 0 ? 'the top group' : `${what} ${path.map((i) => i + 1).join('.')}`;

function Labelled({ name, ...props }: ValueSelectorProps & { name: string }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the <select> ValueSelector renders
    <label className="rqb-labelled">
      <span className="visually-hidden">{name}</span>
      <ValueSelector {...props} />
    </label>
  );
}

/**
 * react-querybuilder's selects carry only a `title`, which screen readers and label look-ups do not treat
 * as a name: each gets a label saying what it chooses and for which rule ("Field of rule 2").
 */
export const RuleSelector = (props: ValueSelectorProps) => (
  <Labelled {...props} name={`${props.title} of ${place(props.path, 'rule')}`} />
);
export const GroupSelector = (props: ValueSelectorProps) => (
  <Labelled {...props} name={`${props.title} in ${place(props.path, 'group')}`} />
);

/**
 * A builder button named by its title when its face is a symbol (✕ reads as nothing useful); a button
 * with words keeps them as its name, so what is seen is what is said.
 */
export function LabelledAction(props: ActionProps) {
  const disabled = props.disabled && !props.disabledTranslation;
  const shown = props.disabledTranslation && props.disabled ? props.disabledTranslation : props;
  const wordy = typeof shown.label === 'string' && /[a-z]/i.test(shown.label);
  const where = 'rules' in props.ruleOrGroup ? place(props.path, 'group') : place(props.path, 'rule');
  return (
    <button
      type="button"
      data-testid={props.testID}
      className={props.className}
      disabled={disabled}
      title={shown.title}
      aria-label={wordy ? undefined : `${shown.title} (${where})`}
      onClick={(e) => props.handleOnClick(e)}
    >
      {shown.label}
    </button>
  );
}
