import { Field } from './Field'

interface SelectFieldProps<Value extends string> {
  label: string
  value: Value
  options: Array<{ value: Value; label: string }>
  onChange: (value: Value) => void
  help?: string
}

export function SelectField<Value extends string>({
  label,
  value,
  options,
  onChange,
  help,
}: SelectFieldProps<Value>) {
  return (
    <Field label={label} help={help}>
      {({ id, describedBy }) => (
        <select
          id={id}
          className="input"
          value={value}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value as Value)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
