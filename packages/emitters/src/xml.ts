/** A small XML writer: elements with attributes and escaped text, indented two spaces. */

export function escapeXmlText(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttribute(text: string): string {
    return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

export type Attributes = Record<string, string | undefined>;

export interface XmlElement {
    name: string;
    attributes?: Attributes;
    /** Child elements, or a text. */
    children?: XmlNode[];
}

export type XmlNode = XmlElement | string;

export function el(name: string, attributes?: Attributes, ...children: Array<XmlNode | undefined | false>): XmlElement {
    return { name, attributes, children: children.filter((c): c is XmlNode => c !== undefined && c !== false) };
}

export function writeXml(root: XmlElement): string {
    const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
    write(root, 0, lines);
    return lines.join('\n') + '\n';
}

function write(node: XmlElement, depth: number, lines: string[]): void {
    const indent = '  '.repeat(depth);
    const attributes = Object.entries(node.attributes ?? {})
        .filter((entry): entry is [string, string] => entry[1] !== undefined)
        .map(([k, v]) => ` ${k}="${escapeXmlAttribute(v)}"`).join('');
    const children = node.children ?? [];
    if (children.length === 0) {
        lines.push(`${indent}<${node.name}${attributes}/>`);
    } else if (children.every(c => typeof c === 'string')) {
        lines.push(`${indent}<${node.name}${attributes}>${children.map(c => escapeXmlText(c as string)).join('')}</${node.name}>`);
    } else {
        lines.push(`${indent}<${node.name}${attributes}>`);
        for (const child of children) {
            if (typeof child === 'string') lines.push(`${indent}  ${escapeXmlText(child)}`);
            else write(child, depth + 1, lines);
        }
        lines.push(`${indent}</${node.name}>`);
    }
}
