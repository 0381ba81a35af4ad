import { useEffect, useState } from 'react';
import { Input } from 'antd';

/**
 * A list's search box: shows the text the list is filtered by (also when it came with the address) and hands over the
 * trimmed text, or undefined for none, when the user searches.
 */
export function SearchBox({ id, value, placeholder, button, onSearch }: {
  id: string;
  value: string | undefined;
  placeholder: string;
  button: string;
  onSearch(q: string | undefined): void;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search id={id} allowClear value={text} onChange={(e) => setText(e.target.value)} placeholder={placeholder} enterButton={button} onSearch={(v) => onSearch(v.trim() || undefined)} />
  );
}
